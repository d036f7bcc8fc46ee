import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ServiceRuntime } from '../service-runtime';
import { HealthController } from './health.controller';
import { EVENT_STORE, MESSAGE_BUS, PG_POOL, SERVICE_RUNTIME } from './tokens';

/** Hands the runtime's parts to a service's Nest module; it only wires. */
@Global()
@Module({})
export class PlatformModule {
  static forRuntime(runtime: ServiceRuntime): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_RUNTIME, useValue: runtime },
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: MESSAGE_BUS, useValue: runtime.bus },
        { provide: PG_POOL, useValue: runtime.pool },
      ],
      exports: [SERVICE_RUNTIME, EVENT_STORE, MESSAGE_BUS, PG_POOL],
    };
  }
}
