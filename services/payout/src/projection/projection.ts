import type { RecordedEvent } from '@aid/event-store';
import type { ClientBase } from 'pg';
import type { MigrationInterface } from 'typeorm';

/** A connection inside a transaction the caller opened. */
export type Sql = Pick<ClientBase, 'query'>;

export interface ProjectionTable {
  name: string;
  /** The primary key columns: the order rows are compared and checksummed in. */
  key: readonly string[];
  /**
   * A rebuild's replay (its chunks and its `finish`) only inserts into this table, never
   * upserts: it is loaded without its keys and indexes, which are built once the rows are in
   * (much cheaper than keeping them up to date row by row).
   */
  bulkLoaded?: boolean;
}

/**
 * Which events a statement applies: a query over payout's own `events` table returning its
 * rows (at least event_id, global_position, event_type, data, metadata, recorded_at).
 */
export interface EventSource {
  sql: string;
  params: unknown[];
}

/**
 * A read model fed from payout's own event store, defined in its own folder and listed once,
 * where payout is put together (payout.ts). Nothing in this folder knows which projections
 * there are.
 *
 * Its evolve is written twice on purpose (ADR 0005, 0008): a typed, pure TypeScript `evolve`
 * in the projection's `domain/` folder says what the rows are, and set-based SQL
 * (`statements`) makes them, so that a batch costs one statement per table whatever its size
 * and no event data travels to Node and back. A property test on PostgreSQL proves both give
 * the same rows. The live worker and the rebuild run the very same statements, only over
 * different sets of events, into `target` (the live schema, or a rebuild's shadow schema),
 * inside the caller's transaction.
 */
export interface ProjectionDefinition<Name extends string = string> {
  name: Name;
  /** Names its checkpoint in the event store's checkpoints table. */
  subscriptionId: string;
  tables: readonly ProjectionTable[];
  /** The event types it handles (those its evolve takes); any other event leaves it unchanged. */
  eventTypes: readonly string[];
  /** Its tables' migrations (TypeORM, run at start in the service's schema). */
  migrations: readonly (new () => MigrationInterface)[];
  /** The TypeORM entities its queries read the tables with. */
  entities: readonly (new () => object)[];
  /** Adds what the events of `source` make to the tables in `target`, incrementally. */
  statements(target: string, source: string): string[];
  /**
   * How a rebuild replays into empty tables, when it can do better than `statements`: the
   * statements for each chunk of events, then `finish` once every chunk is in (the same
   * definitions, applied to the whole rather than batch by batch). Catching up after the
   * replay uses `statements`, as the live worker does.
   */
  replay?: {
    statements(target: string, source: string): string[];
    finish(target: string): string[];
    /** The replay statements only insert (no upsert), so chunks may run at once. */
    concurrent?: boolean;
  };
}

/** The positions, among a batch read from the store, of the events a projection handles. */
export function handledPositions(projection: ProjectionDefinition, events: readonly RecordedEvent[]): string[] {
  return events.filter((e) => projection.eventTypes.includes(e.type)).map((e) => e.position);
}

/** Applies the events of `source` to a projection's tables in `target`, incrementally. */
export async function applyEvents(
  sql: Sql,
  projection: ProjectionDefinition,
  target: string,
  source: EventSource,
): Promise<void> {
  for (const statement of projection.statements(target, source.sql)) await sql.query(statement, source.params);
}

/** The events at these positions of the store in `schema` (a live batch, a catch-up batch). */
export function eventsAt(schema: string, positions: readonly string[]): EventSource {
  return {
    sql: `select * from ${ident(schema)}.events where global_position = any($1::bigint[])`,
    params: [positions],
  };
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema or table name, checked and quoted for SQL text. */
export function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** Key for the advisory lock that serialises writes to one projection's live tables. */
export function projectionLockKey(schema: string, projection: string): string {
  return `aid-ledger:projection:${schema}:${projection}`;
}
