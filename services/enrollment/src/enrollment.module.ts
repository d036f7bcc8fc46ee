import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import type { ServiceRuntime } from '@aid/platform';
import { PlatformModule } from '@aid/platform/nest';
import { AddMemberController } from './add-member/add-member.controller';
import { CertifyDiseaseController } from './certify-disease/certify-disease.controller';
import { ForgetPersonController } from './forget-person/forget-person.controller';
import { HouseholdHistoryController } from './household-view/household-history.controller';
import { HouseholdViewController } from './household-view/household-view.controller';
import { InsureMemberController } from './insure-member/insure-member.controller';
import { RegisterBankCardController } from './register-bank-card/register-bank-card.controller';
import { RegisterHouseholdController } from './register-household/register-household.controller';
import { ENROLLMENT_DEPS, type EnrollmentDeps } from './shared/deps';
import { migrateEnrollmentSchema } from './shared/enrollment-schema';

/**
 * Creates the service's own tables before the app listens. The runtime has already started
 * when the module is built (runStandalone and the embedded launcher call `module(runtime)`
 * after `runtime.start()`), so `runtime.migrations` would come too late.
 */
@Injectable()
class EnrollmentSchemaMigration implements OnModuleInit {
  constructor(@Inject(ENROLLMENT_DEPS) private readonly deps: EnrollmentDeps) {}

  async onModuleInit(): Promise<void> {
    await migrateEnrollmentSchema(this.deps.pool, this.deps.schema);
  }
}

/** Wires the enrollment service: use cases live in their own folders beside this file. */
@Module({})
export class EnrollmentModule {
  static register(runtime: ServiceRuntime): DynamicModule {
    const deps: EnrollmentDeps = {
      store: runtime.store,
      pool: runtime.pool,
      schema: runtime.options.schema,
      clock: () => new Date(),
      newId: randomUUID,
    };
    return {
      module: EnrollmentModule,
      imports: [PlatformModule.forRuntime(runtime)],
      controllers: [
        RegisterHouseholdController,
        AddMemberController,
        InsureMemberController,
        CertifyDiseaseController,
        ForgetPersonController,
        RegisterBankCardController,
        HouseholdViewController,
        HouseholdHistoryController,
      ],
      providers: [{ provide: ENROLLMENT_DEPS, useValue: deps }, EnrollmentSchemaMigration],
    };
  }
}
