import type { ServiceRuntime } from '@aid/platform';
import { facilitiesDdl } from './facility-records';

/** The registry's table, created with claims' other tables when the service starts. */
export function registerFacilities(runtime: ServiceRuntime): void {
  const schema = runtime.options.schema;
  runtime.migrations.push(async (rt) => {
    await rt.pool.query(facilitiesDdl(schema));
  });
}
