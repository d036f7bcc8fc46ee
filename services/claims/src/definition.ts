import type { ServiceDefinition } from '@aid/platform/nest';
import { ClaimsModule } from './claims.module';
import { policyDirectory } from './claims-deps';
import { registerFacilities } from './facilities/facilities';
import { registerMemberView } from './member-view/member-view.worker';
import { PolicyBook } from './policies/policy-book';
import { claimsToPublic } from './public-events/to-public';

export const claimsService: ServiceDefinition = {
  name: 'claims',
  title: 'aid-ledger claims',
  description: 'Settles hospital bills through the five layers of protection in one step (一站式服务、一单式结算).',
  defaultPort: 3002,
  toPublic: claimsToPublic,
  prepare: (runtime) => {
    registerFacilities(runtime);
    registerMemberView(runtime);
  },
  // A bad policy file stops the service at start, with the file and the key named.
  module: (runtime) => ClaimsModule.register(runtime, PolicyBook.fromDirectory(policyDirectory())),
};
