import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { ServiceRuntime } from '../service-runtime';
import { Public } from './auth';
import { SERVICE_RUNTIME } from './tokens';

@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  @Get()
  async health(): Promise<{ status: 'ok'; service: string; eventStore: 'up' }> {
    const { eventStore } = await this.runtime.health();
    const body = { service: this.runtime.options.service, eventStore };
    if (eventStore !== 'up')
      throw new HttpException({ status: 'unavailable', ...body }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'ok', service: body.service, eventStore };
  }
}
