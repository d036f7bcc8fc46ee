import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceRuntime } from '@aid/platform';
import { PlatformModule } from '@aid/platform/nest';
import { HospitalReceivablesController } from './hospital-receivables/receivables.controller';
import { HouseholdLedgerController } from './household-ledger/ledger.controller';
import { PaymentRunController } from './payment-run/payment-run.controller';
import { payoutOf } from './payout';
import { PAYOUT } from './payout.tokens';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { ClaimPayablesController } from './record-payables/claim-payables.controller';

/** Wires the payout service: use cases live in their own folders beside this file. */
@Module({})
export class PayoutModule {
  static register(runtime: ServiceRuntime): DynamicModule {
    return {
      module: PayoutModule,
      imports: [PlatformModule.forRuntime(runtime)],
      controllers: [
        HouseholdLedgerController,
        HospitalReceivablesController,
        ClaimPayablesController,
        ReconciliationController,
        PaymentRunController,
      ],
      providers: [{ provide: PAYOUT, useValue: payoutOf(runtime) }],
    };
  }
}
