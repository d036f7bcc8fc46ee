import { PostgresEventStore } from '@aid/event-store';
import type { Pool, PoolClient } from 'pg';
import { applyLiveBatch, liveCheckpoint, type LiveTarget } from '../projection/live-batch';
import {
  applyEvents,
  eventsAt,
  ident,
  PROJECTION_NAMES,
  projectionLockKey,
  type EventSource,
  type Projection,
  type ProjectionName,
  type Sql,
} from '../projection/projection';
import { PROJECTIONS, projectionNamed } from '../projection/projections';
import { inTransaction } from '../projection/transactions';

/**
 * Rebuilds read models from payout's event store without taking them offline:
 *
 * 1. prepare: a shadow schema `<schema>_rebuild` gets empty copies of the projection's tables
 *    (`create table ... (like <live> including all)`; bulk-loaded tables without their keys
 *    and indexes for now).
 * 2. replay: every event the store's readers can see, in ranges of global position, into the
 *    shadow tables with the projection's own statements; then the bulk-loaded tables get their
 *    keys and indexes and the projection finishes (the ledger sums its lines into its totals).
 *    Nothing is published: the relay and the topics are never touched. The live tables keep
 *    serving and following the store meanwhile.
 * 3. catch-up: the live projection's writers are paused (the advisory lock every live batch
 *    takes; reads go on); the shadow reads what arrived during the replay, and the live tables
 *    are brought to exactly the same position, with the statements the live worker runs.
 * 4. checksum: each table, live and rebuilt, gets a row count and an md5 over its rows in key
 *    order, computed in PostgreSQL.
 * 5. switch: one short transaction moves the live tables out and the rebuilt ones in
 *    (`alter table ... set schema`) and sets the live checkpoint to the rebuilt position. A
 *    query waits at most for that transaction; the live worker finds its checkpoint moved and
 *    resumes from the new one. The old tables are dropped.
 */

export type RebuildPhase = 'prepare' | 'replay' | 'catch-up' | 'checksum' | 'switch' | 'done';

export interface RebuildProgress {
  phase: RebuildPhase;
  projections: ProjectionName[];
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

export interface TableChecksum {
  rows: number;
  md5: string;
}

export interface TableComparison {
  projection: ProjectionName;
  table: string;
  live: TableChecksum;
  rebuilt: TableChecksum;
  equal: boolean;
}

export interface RebuildReport {
  schema: string;
  projections: ProjectionName[];
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

/** Events per batch once the replay is done (catching up, in the store's order). */
const CATCH_UP_BATCH = 5_000;

export class RebuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RebuildError';
  }
}

export const REBUILD_TARGETS = [...PROJECTION_NAMES, 'all'] as const;
export type RebuildTarget = (typeof REBUILD_TARGETS)[number];

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
  const projections = name === 'all' ? [...PROJECTIONS] : [projectionNamed(name)];
  ident(schema);
  if (schema.length > 55) throw new RebuildError(`schema: "${schema}" is too long to name a shadow schema after it`);
  const rebuild = new Rebuild(pool, schema, projections, options);
  return rebuild.run();
}

class Rebuild {
  private readonly store: PostgresEventStore;
  private readonly shadow: string;
  private readonly retired: string;
  private readonly batchSize: number;
  private readonly names: ProjectionName[];
  private readonly parallelism: number;
  private events = 0;
  private readonly done = new Map<Projection, number>();
  private position: string | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly projections: Projection[],
    private readonly options: RebuildOptions,
  ) {
    this.store = new PostgresEventStore({ pool, schema });
    this.shadow = `${schema}_rebuild`;
    this.retired = `${schema}_retired`;
    this.batchSize = options.batchSize ?? 50_000;
    this.parallelism = options.parallelism ?? 2;
    this.names = projections.map((p) => p.name);
  }

  async run(): Promise<RebuildReport> {
    const started = performance.now();
    // The control connection holds the session locks: one rebuild per schema, then the pause
    // of the live writers from the catch-up to the switch.
    const control = await this.pool.connect();
    let locked = false;
    try {
      const { rows } = await control.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [
        `aid-ledger:rebuild:${this.schema}`,
      ]);
      if (!rows[0].ok) throw new RebuildError(`a rebuild is already running in schema ${this.schema}`);
      locked = true;
      await this.prepare(control);

      const replayStarted = performance.now();
      await this.replay(control);
      const replayMs = performance.now() - replayStarted;
      const replayed = this.events;

      for (const p of this.projections) {
        await control.query('select pg_advisory_lock(hashtext($1))', [projectionLockKey(this.schema, p.name)]);
      }
      await this.progress('catch-up');
      await this.catchUpShadow(control);
      const compared = this.options.compare ?? true;
      let tables: TableComparison[] = [];
      if (compared) {
        for (const p of this.projections) await this.catchUpLive(control, p);
        await this.progress('checksum');
        tables = await this.compare();
      }

      await this.progress('switch');
      await this.switchReads(control);
      await this.progress('done');
      return {
        schema: this.schema,
        projections: this.names,
        events: this.events,
        position: this.position,
        replay: {
          events: replayed,
          ms: Math.round(replayMs),
          eventsPerSecond: replayMs > 0 ? Math.round((replayed * 1000) / replayMs) : 0,
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
          // What a failed rebuild leaves, or the old tables of a finished one.
          await control.query(`drop schema if exists ${ident(this.retired)} cascade`);
          await control.query(`drop schema if exists ${ident(this.shadow)} cascade`);
        }
        control.release();
      } catch (err) {
        control.release(err as Error);
      }
    }
  }

  private async progress(phase: RebuildPhase): Promise<void> {
    await this.options.onProgress?.({ phase, projections: this.names, events: this.events, position: this.position });
  }

  private async prepare(control: PoolClient): Promise<void> {
    const { rows } = await control.query<{ name: string; exists: boolean }>(
      `select t.name, to_regclass(format('%I.%I', $1::text, t.name)) is not null as exists from unnest($2::text[]) as t(name)`,
      [this.schema, ['events', 'checkpoints', ...this.projections.flatMap((p) => p.tables.map((t) => t.name))]],
    );
    const missing = rows.filter((r) => !r.exists).map((r) => r.name);
    if (missing.length > 0) {
      throw new RebuildError(
        `schema ${this.schema} has no ${missing.join(', ')}: run payout's migrations first (the service does at start)`,
      );
    }
    await control.query(`drop schema if exists ${ident(this.retired)} cascade`);
    await control.query(`drop schema if exists ${ident(this.shadow)} cascade`);
    await control.query(`create schema ${ident(this.shadow)}`);
    for (const p of this.projections) {
      for (const t of p.tables) {
        // The live table's current shape, whatever migrations made it: columns, defaults,
        // check constraints, and (unless it is bulk loaded) its keys and indexes.
        await control.query(
          `create table ${ident(this.shadow)}.${ident(t.name)}
             (like ${ident(this.schema)}.${ident(t.name)} including all${t.bulkLoaded ? ' excluding indexes' : ''})`,
        );
      }
    }
    await this.progress('prepare');
  }

  /**
   * Every event the store's readers can see now, into the shadow tables. "Can see now" is what
   * a catch-up subscription would read: every transaction older than the oldest one still
   * running (ADR 0003), i.e. a prefix of the commit-safe order. Order does not matter to the
   * rows (one line per event; totals are sums), so that prefix is read in ranges of global
   * position, in physical order: a chunk per statement and per short transaction (a long one
   * would hold back every reader of the store), on `parallelism` connections at once.
   */
  private async replay(control: PoolClient): Promise<void> {
    const s = ident(this.schema);
    const { rows: horizon } = await control.query<{ xmin: string }>(
      `select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`,
    );
    const xmin = horizon[0].xmin;
    // Events per chunk below the horizon (one pass over the table), and where the prefix ends.
    const { rows: chunks } = await control.query<{ chunk: string; events: number }>(
      `select ((global_position - 1) / $2::bigint)::text as chunk, count(*)::integer as events
         from ${s}.events where transaction_id < $1::xid8 group by 1 order by 1::bigint`,
      [xmin, this.batchSize],
    );
    const { rows: last } = await control.query<{ position: string }>(
      `select global_position::text as position from ${s}.events where transaction_id < $1::xid8
        order by transaction_id desc, global_position desc limit 1`,
      [xmin],
    );
    const tasks: ReplayTask[] = chunks.flatMap((c) => {
      const from = BigInt(c.chunk) * BigInt(this.batchSize);
      const source: EventSource = {
        // A range of the primary key, then the horizon. (`offset 0` keeps the planner from
        // using the (transaction_id, global_position) index for this, which would scan every
        // entry below the horizon for each chunk.)
        sql: `select * from (select * from ${s}.events where global_position > $1::bigint and global_position <= $2::bigint offset 0) e
               where e.transaction_id < $3::xid8`,
        params: [from.toString(), (from + BigInt(this.batchSize)).toString(), xmin],
      };
      return this.projections.map((projection) => ({ projection, target: this.shadow, source, events: c.events }));
    });
    await runReplayTasks(this.pool, tasks, this.parallelism, async (task) => {
      this.done.set(task.projection, (this.done.get(task.projection) ?? 0) + task.events);
      // The replay stands where its slowest projection stands.
      this.events = Math.min(...this.projections.map((p) => this.done.get(p) ?? 0));
      await this.progress('replay');
    });
    this.events = chunks.reduce((sum, c) => sum + c.events, 0);
    this.position = last[0]?.position ?? null;
    await Promise.all(this.projections.map((p) => this.withConnection((client) => this.finishReplay(client, p))));
  }

  private async withConnection<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  /** A projection finishes its replay; its bulk-loaded tables get their keys and indexes. */
  private async finishReplay(client: PoolClient, p: Projection): Promise<void> {
    await inTransaction(client, async (sql) => {
      await sql.query(`set local maintenance_work_mem = '256MB'`);
      await sql.query(`set local work_mem = '64MB'`);
      if (p.replay) for (const statement of p.replay.finish(this.shadow)) await sql.query(statement);
      for (const t of p.tables) if (t.bulkLoaded) await copyIndexes(sql, this.schema, this.shadow, t.name);
    });
    // Fresh statistics, so that the rebuilt tables are read with good plans from the switch on.
    for (const t of p.tables) await client.query(`analyze ${ident(this.shadow)}.${ident(t.name)}`);
  }

  /** What arrived since the replay's horizon, in the store's order, into the shadow tables. */
  private async catchUpShadow(control: PoolClient): Promise<void> {
    for (;;) {
      const batch = await this.store.readAll({ after: this.position, maxCount: CATCH_UP_BATCH });
      if (batch.length === 0) return;
      await inTransaction(control, async (sql) => {
        for (const p of this.projections) {
          const positions = batch.filter((e) => p.eventTypes.includes(e.type)).map((e) => e.position);
          if (positions.length > 0) await applyEvents(sql, p, this.shadow, eventsAt(this.schema, positions));
        }
      });
      this.events += batch.length;
      this.position = batch[batch.length - 1].position;
    }
  }

  /**
   * Brings the live tables to exactly the shadow's position, batch by batch, as the live
   * worker would have (same statements, same checkpoint), so that both can be compared.
   */
  private async catchUpLive(control: PoolClient, projection: Projection): Promise<void> {
    const target: LiveTarget = { schema: this.schema, projection, checkpoints: this.store.checkpoints() };
    const until = this.position;
    let after = await liveCheckpoint(control, this.schema, projection);
    if (until === null) {
      if (after !== null)
        throw new RebuildError(`projection ${projection.name} has a checkpoint (${after}) but the store has no events`);
      return;
    }
    while (after !== until) {
      const batch = await this.store.readAll({ after, maxCount: CATCH_UP_BATCH });
      const end = batch.findIndex((e) => e.position === until);
      const slice = end >= 0 ? batch.slice(0, end + 1) : batch;
      if (slice.length === 0)
        throw new RebuildError(
          `projection ${projection.name}: its checkpoint ${after} is not before position ${until}`,
        );
      const last = slice[slice.length - 1].position;
      const positions = slice.filter((e) => projection.eventTypes.includes(e.type)).map((e) => e.position);
      const from = after;
      await inTransaction(control, (sql) => applyLiveBatch(sql, target, from, positions, last));
      after = last;
    }
  }

  /**
   * Each table, live and rebuilt, checksummed while both stand at the same position (the
   * live writers are paused; reads go on), `parallelism` tables at a time.
   */
  private async compare(): Promise<TableComparison[]> {
    const jobs = this.projections.flatMap((p) =>
      p.tables.flatMap((t) => [
        { p, t, version: 'live' as const, schema: this.schema },
        { p, t, version: 'rebuilt' as const, schema: this.shadow },
      ]),
    );
    const sums = new Map<(typeof jobs)[number], TableChecksum>();
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(this.parallelism, jobs.length) }, () =>
        this.withConnection(async (client) => {
          for (let i = next++; i < jobs.length; i = next++) {
            const job = jobs[i];
            sums.set(
              job,
              await inTransaction(client, async (sql) => {
                await sql.query(`set local work_mem = '256MB'`);
                return tableChecksum(sql, job.schema, job.t.name, job.t.key);
              }),
            );
          }
        }),
      ),
    );
    const tables: TableComparison[] = [];
    for (let i = 0; i < jobs.length; i += 2) {
      const live = sums.get(jobs[i]) as TableChecksum;
      const rebuilt = sums.get(jobs[i + 1]) as TableChecksum;
      tables.push({
        projection: jobs[i].p.name,
        table: jobs[i].t.name,
        live,
        rebuilt,
        equal: live.rows === rebuilt.rows && live.md5 === rebuilt.md5,
      });
    }
    return tables;
  }

  /** One short transaction: the rebuilt tables and their checkpoint become the live ones. */
  private async switchReads(control: PoolClient): Promise<void> {
    const checkpoints = this.store.checkpoints();
    await inTransaction(control, async (sql) => {
      // Waits for queries already reading the live tables; new ones queue behind for the
      // moment it takes, then read the rebuilt tables.
      await sql.query(`set local lock_timeout = '60s'`);
      await sql.query(`create schema ${ident(this.retired)}`);
      for (const p of this.projections) {
        for (const t of p.tables) {
          await sql.query(`alter table ${ident(this.schema)}.${ident(t.name)} set schema ${ident(this.retired)}`);
          await sql.query(`alter table ${ident(this.shadow)}.${ident(t.name)} set schema ${ident(this.schema)}`);
        }
        if (this.position === null) {
          await sql.query(`delete from ${ident(this.schema)}.checkpoints where subscription_id = $1`, [
            p.subscriptionId,
          ]);
        } else {
          await checkpoints.storeWith(sql, p.subscriptionId, this.position);
        }
      }
    });
  }
}

/** Row count and md5 of a table's rows in key order, in SQL (each row as PostgreSQL prints it). */
export async function tableChecksum(
  sql: Sql,
  schema: string,
  table: string,
  key: readonly string[],
): Promise<TableChecksum> {
  const order = key.map((k) => `r.${ident(k)}`).join(', ');
  const { rows } = await sql.query<{ rows: string; md5: string }>(
    `select count(*)::bigint as rows, md5(coalesce(string_agg(md5(r::text), '' order by ${order}), '')) as md5
       from ${ident(schema)}.${ident(table)} r`,
  );
  return { rows: Number(rows[0].rows), md5: rows[0].md5 };
}

/**
 * Gives a table in `shadow` the keys, unique constraints and indexes its namesake has in
 * `live`, under the same names. Runs in the caller's transaction.
 */
async function copyIndexes(sql: Sql, live: string, shadow: string, table: string): Promise<void> {
  // With nothing on the search path, pg_get_indexdef names every table with its schema.
  await sql.query('set local search_path = pg_catalog');
  const liveTable = `${ident(live)}.${ident(table)}`;
  const { rows: constraints } = await sql.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = $1::regclass and contype in ('p', 'u', 'x') order by conname`,
    [liveTable],
  );
  for (const c of constraints)
    await sql.query(`alter table ${ident(shadow)}.${ident(table)} add constraint ${ident(c.name)} ${c.def}`);
  const { rows: indexes } = await sql.query<{ def: string }>(
    `select replace(pg_get_indexdef(x.indexrelid),
                    ' ON ' || quote_ident($2) || '.' || quote_ident($4) || ' ',
                    ' ON ' || quote_ident($3) || '.' || quote_ident($4) || ' ') as def
       from pg_index x
      where x.indrelid = $1::regclass
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
      order by x.indexrelid`,
    [liveTable, live, shadow, table],
  );
  for (const i of indexes) await sql.query(i.def);
}

interface ReplayTask {
  projection: Projection;
  target: string;
  source: EventSource;
  events: number;
}

/**
 * Runs the replay's chunks on `parallelism` connections. Chunks of a projection whose replay
 * only inserts (`replay.concurrent`) may run side by side; any other projection's chunks run
 * one at a time (concurrent upserts of the same keys would only wait on each other), though
 * beside other projections' chunks.
 */
async function runReplayTasks(
  pool: Pool,
  tasks: readonly ReplayTask[],
  parallelism: number,
  onDone: (task: ReplayTask) => Promise<void>,
): Promise<void> {
  const pending = [...tasks];
  const busy = new Set<Projection>();
  let failed = false;
  const waiting: (() => void)[] = [];
  const wake = () => waiting.splice(0).forEach((resolve) => resolve());
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (pending.length > 0 && !failed) {
        const i = pending.findIndex((t) => t.projection.replay?.concurrent || !busy.has(t.projection));
        if (i < 0) {
          await new Promise<void>((resolve) => waiting.push(resolve));
          continue;
        }
        const [task] = pending.splice(i, 1);
        busy.add(task.projection);
        try {
          await inTransaction(client, async (sql) => {
            // A crash loses only the shadow, which the next rebuild drops: no need to wait for the disk.
            await sql.query('set local synchronous_commit = off');
            // Room to group a chunk in memory rather than sort it on disk.
            await sql.query(`set local work_mem = '64MB'`);
            const statements = (task.projection.replay ?? task.projection).statements(task.target, task.source.sql);
            for (const statement of statements) await sql.query(statement, task.source.params);
          });
        } finally {
          busy.delete(task.projection);
          wake();
        }
        await onDone(task);
      }
    } catch (err) {
      failed = true;
      wake();
      throw err;
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallelism, tasks.length)) }, worker));
}
