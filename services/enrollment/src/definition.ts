import type { ServiceDefinition } from '@aid/platform/nest';
import { EnrollmentModule } from './enrollment.module';
import { enrollmentToPublic } from './public-events/to-public';

export const enrollmentService: ServiceDefinition = {
  name: 'enrollment',
  title: 'aid-ledger enrollment',
  description:
    'Registers poor households and their members (建档立卡), their insurance enrollment and certified diseases.',
  defaultPort: 3001,
  toPublic: enrollmentToPublic,
  module: (runtime) => EnrollmentModule.register(runtime),
};
