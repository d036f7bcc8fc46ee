import type { ServiceDefinition } from '@aid/platform/nest';
import { payoutOf } from './payout';
import { PayoutModule } from './payout.module';
import { payoutToPublic } from './public-events/to-public';

export const payoutService: ServiceDefinition = {
  name: 'payout',
  title: 'aid-ledger payout',
  description:
    'Pays what the settlements owe to hospitals and household bank cards, and keeps the aid ledger of each household.',
  defaultPort: 3003,
  toPublic: payoutToPublic,
  // Before the runtime starts: the read models' migrations, their projection workers, and the
  // consumer of settlements.
  prepare: (runtime) => payoutOf(runtime).register(runtime),
  module: (runtime) => PayoutModule.register(runtime),
};
