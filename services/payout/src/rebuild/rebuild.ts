import { PostgresEventStore } from '@aid/event-store';
import type { Pool } from 'pg';
import { PAYOUT_PROJECTIONS, type PayoutProjectionName } from '../payout';
import { ident } from '../projection/projection';
import { catchUpLive, catchUpShadow, pauseLiveWriters } from './catch-up';
import { compareTables, type TableComparison } from './checksum';
import { RebuildError, type RebuildContext } from './context';
import { dropShadow, prepareShadow } from './prepare';
import { replayIntoShadow } from './replay';
import { switchReads } from './switch';

export { tableChecksum, type TableChecksum, type TableComparison } from './checksum';
export { RebuildError } from './context';

/**
 * Rebuilds read models from payout's event store without taking them offline, one phase per
 * module beside this one:
 *
 * 1. prepare (prepare.ts): a shadow schema `<schema>_rebuild` beside the live one, with empty
 *    copies of the projections' tables.
 * 2. replay (replay.ts): every event the store's readers can see, in ranges of global
 *    position, into the shadow tables with the projections' own statements; nothing is
 *    appended or published. The live tables keep serving and following the store meanwhile.
 * 3. copy indexes (indexes.ts): the bulk-loaded tables get the live tables' keys and indexes.
 * 4. catch-up (catch-up.ts): the live projections' writers are paused (reads go on); through
 *    the live worker's own catch-up loop, the shadow reads what arrived during the replay,
 *    and the live tables are brought to exactly the same position.
 * 5. checksum (checksum.ts): each table, live and rebuilt, gets a row count and an md5 over
 *    its rows in key order, computed in PostgreSQL.
 * 6. switch (switch.ts): one short transaction swaps the rebuilt tables in and sets the live
 *    checkpoint to the rebuilt position. The old tables are dropped.
 */

export type RebuildPhase = 'prepare' | 'replay' | 'catch-up' | 'checksum' | 'switch' | 'done';

export interface RebuildProgress {
  phase: RebuildPhase;
  projections: PayoutProjectionName[];
  /** Events read into the shadow tables so far. */
  events: number;
  /** Where the shadow stands in the store's order (null during the replay, which is unordered). */
  position: string | null;
}

export interface RebuildOptions {
  /** Awaited: a caller may look at the read models while the rebuild stands at a phase. */
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
  /** Global positions per replay statement (default 50,000). */
  batchSize?: number;
  /** Replay statements running at once, each on its own connection (default 2). */
  parallelism?: number;
  /**
   * Whether to bring the live tables to the rebuilt position and compare them by checksum
   * before the switch (default true). Without it the live writers are paused only for the
   * catch-up and the switch: for tables known to be wrong or empty, or a first build.
   */
  compare?: boolean;
}

export interface RebuildReport {
  schema: string;
  projections: PayoutProjectionName[];
  /** Events read from the store: the replay and the catch-up. */
  events: number;
  /** The position both versions stood at when reads were switched (null: no events at all). */
  position: string | null;
  replay: { events: number; ms: number; eventsPerSecond: number };
  totalMs: number;
  /** Whether the live tables were compared (the `compare` option). */
  compared: boolean;
  /** Each table, live and rebuilt, compared at the same position just before the switch. */
  tables: TableComparison[];
  /** Whether every rebuilt table equals its live one (true when nothing was compared). */
  equal: boolean;
}

export const REBUILD_TARGETS = [...PAYOUT_PROJECTIONS.map((p) => p.name), 'all'] as const;
export type RebuildTarget = PayoutProjectionName | 'all';

/** Rebuilds one projection, or all of them from a single pass over the events. */
export async function rebuildProjection(
  pool: Pool,
  schema: string,
  name: RebuildTarget,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  if (!(REBUILD_TARGETS as readonly string[]).includes(name)) {
    throw new RebuildError(`projection: "${name}" is not one of ${REBUILD_TARGETS.join(', ')}`);
  }
  const projections = PAYOUT_PROJECTIONS.filter((p) => name === 'all' || p.name === name);
  const names = projections.map((p) => p.name);
  ident(schema);
  if (schema.length > 55) throw new RebuildError(`schema: "${schema}" is too long to name a shadow schema after it`);

  const started = performance.now();
  // The control connection holds the session locks: one rebuild per schema, then the pause
  // of the live writers from the catch-up to the switch.
  const control = await pool.connect();
  const ctx: RebuildContext = {
    pool,
    store: new PostgresEventStore({ pool, schema }),
    schema,
    shadow: `${schema}_rebuild`,
    retired: `${schema}_retired`,
    projections,
    control,
  };
  let events = 0;
  let position: string | null = null;
  const progress = async (phase: RebuildPhase) => options.onProgress?.({ phase, projections: names, events, position });
  let locked = false;
  try {
    const { rows } = await control.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [
      `aid-ledger:rebuild:${schema}`,
    ]);
    if (!rows[0].ok) throw new RebuildError(`a rebuild is already running in schema ${schema}`);
    locked = true;

    await prepareShadow(ctx);
    await progress('prepare');

    const replayStarted = performance.now();
    const read = new Map<string, number>();
    const replayed = await replayIntoShadow(ctx, {
      batchSize: options.batchSize ?? 50_000,
      parallelism: options.parallelism ?? 2,
      onChunk: async (p, n) => {
        read.set(p.name, n);
        // The replay stands where its slowest projection stands.
        events = Math.min(...names.map((name) => read.get(name) ?? 0));
        await progress('replay');
      },
    });
    const replayMs = performance.now() - replayStarted;
    events = replayed.events;
    position = replayed.position;

    await pauseLiveWriters(ctx);
    await progress('catch-up');
    const caughtUp = await catchUpShadow(ctx, position);
    events += caughtUp.events;
    position = caughtUp.position;
    const compared = options.compare ?? true;
    let tables: TableComparison[] = [];
    if (compared) {
      for (const p of projections) await catchUpLive(ctx, p, position);
      await progress('checksum');
      tables = await compareTables(ctx, options.parallelism ?? 2);
    }

    await progress('switch');
    await switchReads(ctx, position);
    await progress('done');
    return {
      schema,
      projections: names,
      events,
      position,
      replay: {
        events: replayed.events,
        ms: Math.round(replayMs),
        eventsPerSecond: replayMs > 0 ? Math.round((replayed.events * 1000) / replayMs) : 0,
      },
      totalMs: Math.round(performance.now() - started),
      compared,
      tables,
      equal: tables.every((t) => t.equal),
    };
  } finally {
    try {
      if (locked) {
        await control.query('select pg_advisory_unlock_all()');
        await dropShadow(ctx);
      }
      control.release();
    } catch (err) {
      control.release(err as Error);
    }
  }
}
