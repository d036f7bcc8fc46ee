import type { CommandStore, PostgresEventStore } from '@aid/event-store';
import type { Pool } from 'pg';

/**
 * What the use cases need, wired once at start (enrollment.module.ts) and given by tests:
 * the event store, the pool for the service's own tables, its schema, a clock and an id source.
 */
export interface EnrollmentDeps {
  store: CommandStore & Pick<PostgresEventStore, 'readStream'>;
  pool: Pool;
  schema: string;
  clock: () => Date;
  /** New UUIDs: generated household and member ids, event ids, command ids. */
  newId: () => string;
}

/** Injection token of EnrollmentDeps (a plain symbol: no framework here). */
export const ENROLLMENT_DEPS = Symbol('ENROLLMENT_DEPS');
