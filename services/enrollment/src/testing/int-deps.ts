import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@aid/event-store';
import type { Pool } from 'pg';
import type { EnrollmentDeps } from '../shared/deps';
import { migrateEnrollmentSchema } from '../shared/enrollment-schema';

/** The handlers' dependencies on a test schema, with the clock stopped at 2020-06-30 12:00 in Beijing. */
export async function intDeps(
  pool: Pool,
  schema: string,
  overrides: Partial<EnrollmentDeps> = {},
): Promise<EnrollmentDeps> {
  const store = new PostgresEventStore({ pool, schema });
  await store.migrate();
  await migrateEnrollmentSchema(pool, schema);
  return { store, pool, schema, clock: () => new Date('2020-06-30T04:00:00Z'), newId: randomUUID, ...overrides };
}
