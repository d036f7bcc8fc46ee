import { main } from '@aid/platform/nest';
import { claimsService } from './definition';

main(claimsService);
