import { main } from '@aid/platform/nest';
import { enrollmentService } from './definition';

main(enrollmentService);
