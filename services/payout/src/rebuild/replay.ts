import type { Pool, PoolClient } from 'pg';
import { ident, type EventSource, type ProjectionDefinition } from '../projection/projection';
import { inTransaction } from '../projection/transactions';
import { withConnection, type RebuildContext } from './context';
import { copyIndexes } from './indexes';

export interface ReplayOptions {
  /** Global positions per replay statement. */
  batchSize: number;
  /** Replay statements running at once, each on its own connection. */
  parallelism: number;
  /** After each chunk of a projection: how many events that projection has read so far. */
  onChunk: (projection: ProjectionDefinition, events: number) => Promise<void>;
}

export interface Replayed {
  /** Events below the horizon: every one read into the shadow tables. */
  events: number;
  /** The last of them in the store's order (null: none), where the catch-up goes on from. */
  position: string | null;
}

/**
 * Phase 2: every event the store's readers can see now, into the shadow tables, with the
 * projections' own statements, then (phase 3) the bulk-loaded tables get their keys and
 * indexes. "Can see now" is what a catch-up subscription would read: every transaction older
 * than the oldest one still running (ADR 0003), i.e. a prefix of the commit-safe order. Order
 * does not matter to the rows (one line per event; totals are sums), so that prefix is read
 * in ranges of global position, in physical order: a chunk per statement and per short
 * transaction (a long one would hold back every reader of the store), on `parallelism`
 * connections at once. Nothing is appended or published.
 */
export async function replayIntoShadow(ctx: RebuildContext, options: ReplayOptions): Promise<Replayed> {
  const { control, schema, shadow, projections } = ctx;
  const s = ident(schema);
  const { rows: horizon } = await control.query<{ xmin: string }>(
    `select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`,
  );
  const xmin = horizon[0].xmin;
  // Events per chunk below the horizon (one pass over the table), and where the prefix ends.
  const { rows: chunks } = await control.query<{ chunk: string; events: number }>(
    `select ((global_position - 1) / $2::bigint)::text as chunk, count(*)::integer as events
       from ${s}.events where transaction_id < $1::xid8 group by 1 order by 1::bigint`,
    [xmin, options.batchSize],
  );
  const { rows: last } = await control.query<{ position: string }>(
    `select global_position::text as position from ${s}.events where transaction_id < $1::xid8
      order by transaction_id desc, global_position desc limit 1`,
    [xmin],
  );
  const size = BigInt(options.batchSize);
  const tasks: ReplayTask[] = chunks.flatMap((c) => {
    const from = BigInt(c.chunk) * size;
    const source: EventSource = {
      // A range of the primary key, then the horizon. (`offset 0` keeps the planner from
      // using the (transaction_id, global_position) index for this, which would scan every
      // entry below the horizon for each chunk.)
      sql: `select * from (select * from ${s}.events where global_position > $1::bigint and global_position <= $2::bigint offset 0) e
             where e.transaction_id < $3::xid8`,
      params: [from.toString(), (from + size).toString(), xmin],
    };
    return projections.map((projection) => ({ projection, target: shadow, source, events: c.events }));
  });
  const done = new Map<ProjectionDefinition, number>();
  await runReplayTasks(ctx.pool, tasks, options.parallelism, async (task) => {
    const events = (done.get(task.projection) ?? 0) + task.events;
    done.set(task.projection, events);
    await options.onChunk(task.projection, events);
  });
  await Promise.all(projections.map((p) => withConnection(ctx.pool, (client) => finishReplay(client, ctx, p))));
  return { events: chunks.reduce((sum, c) => sum + c.events, 0), position: last[0]?.position ?? null };
}

/** A projection finishes its replay; its bulk-loaded tables get their keys and indexes. */
async function finishReplay(client: PoolClient, ctx: RebuildContext, p: ProjectionDefinition): Promise<void> {
  await inTransaction(client, async (sql) => {
    await sql.query(`set local maintenance_work_mem = '256MB'`);
    await sql.query(`set local work_mem = '64MB'`);
    if (p.replay) for (const statement of p.replay.finish(ctx.shadow)) await sql.query(statement);
    for (const t of p.tables) if (t.bulkLoaded) await copyIndexes(sql, ctx.schema, ctx.shadow, t.name);
  });
  // Fresh statistics, so that the rebuilt tables are read with good plans from the switch on.
  for (const t of p.tables) await client.query(`analyze ${ident(ctx.shadow)}.${ident(t.name)}`);
}

interface ReplayTask {
  projection: ProjectionDefinition;
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
  const busy = new Set<ProjectionDefinition>();
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
