import { main } from '@aid/platform/nest';
import { payoutService } from './definition';

main(payoutService);
