import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceRuntime } from '@aid/platform';
import { PlatformModule } from '@aid/platform/nest';
import { CLAIMS_DEPS, claimsDeps } from './claims-deps';
import type { PolicyBook } from './policies/policy-book';
import { FacilitiesController } from './facilities/facilities.controller';
import { ReviewController } from './review/review.controller';
import { SubmitBillController } from './settle-bill/submit-bill.controller';
import { StatementController } from './statement/statement.controller';

/** Wires the claims service: use cases live in their own folders beside this file. */
@Module({})
export class ClaimsModule {
  static register(runtime: ServiceRuntime, policies: PolicyBook): DynamicModule {
    return {
      module: ClaimsModule,
      imports: [PlatformModule.forRuntime(runtime)],
      controllers: [SubmitBillController, StatementController, FacilitiesController, ReviewController],
      providers: [{ provide: CLAIMS_DEPS, useValue: claimsDeps(runtime, policies) }],
    };
  }
}
