// Framework edge: imported only by services' Nest modules and main files, never by domain code.
export { PlatformModule } from './platform.module';
export { HealthController } from './health.controller';
export { startHttp, type StartHttpOptions } from './bootstrap';
export * from './tokens';
export { runStandalone, main } from './run-standalone';
export type { ServiceDefinition } from './service-definition';
export { startService, type StartServiceOptions } from './start-service';
export * from './auth';
