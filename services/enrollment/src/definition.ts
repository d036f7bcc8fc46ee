import type { ServiceDefinition } from '@aid/platform/nest';
import { EnrollmentModule } from './enrollment.module';

export const enrollmentService: ServiceDefinition = {
  name: 'enrollment',
  title: 'aid-ledger enrollment',
  description:
    'Registers poor households and their members (建档立卡), their insurance enrollment and certified diseases.',
  defaultPort: 3001,
  module: (runtime) => EnrollmentModule.register(runtime),
};
