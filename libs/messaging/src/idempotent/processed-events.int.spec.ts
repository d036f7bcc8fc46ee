import { randomBytes, randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { waitFor } from '@aid/testing';
import { ensureProcessedEventsTable, processOnce, withIdempotentTransaction } from './processed-events';

// The global setup always sets DATABASE_URL; the fallback is the machine's own server.
// jest.config.js's per-project testTimeout is not applied by Jest (a global-only option).
jest.setTimeout(60_000);

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const schema = `t_processed_events_${randomBytes(4).toString('hex')}`;
let pool: Pool;

beforeAll(async () => {
  pool = new Pool({ connectionString: url, max: 6 });
  await ensureProcessedEventsTable(pool, schema);
  // Stands in for a read model the handler writes to.
  await pool.query(`create table ${schema}.ledger (event_id text not null, amount_fen bigint not null)`);
});

afterAll(async () => {
  await pool.query(`drop schema if exists ${schema} cascade`);
  await pool.end();
});

const consumer = () => `payout:ledger:${randomUUID().slice(0, 8)}`;

async function ledgerRows(eventId: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`select count(*) as n from ${schema}.ledger where event_id = $1`, [
    eventId,
  ]);
  return Number(rows[0].n);
}

async function marks(name: string, eventId: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `select count(*) as n from ${schema}.processed_events where consumer = $1 and event_id = $2`,
    [name, eventId],
  );
  return Number(rows[0].n);
}

describe('processed events', () => {
  it('creates its table idempotently', async () => {
    await ensureProcessedEventsTable(pool, schema);
    await Promise.all([ensureProcessedEventsTable(pool, schema), ensureProcessedEventsTable(pool, schema)]);
    const { rows } = await pool.query(
      `select column_name from information_schema.columns where table_schema = $1 and table_name = 'processed_events' order by ordinal_position`,
      [schema],
    );
    expect(rows.map((r) => r.column_name)).toEqual(['consumer', 'event_id', 'processed_at']);
  });

  it('processes an event once, however often it is delivered', async () => {
    const name = consumer();
    const eventId = randomUUID();
    const write = (client: { query: Pool['query'] }) =>
      client
        .query(`insert into ${schema}.ledger (event_id, amount_fen) values ($1, 1500)`, [eventId])
        .then(() => undefined);

    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await withIdempotentTransaction(pool, schema, name, eventId, write));

    expect(outcomes).toEqual(['processed', 'duplicate', 'duplicate']);
    expect(await ledgerRows(eventId)).toBe(1);
    expect(await marks(name, eventId)).toBe(1);
  });

  it('keeps consumers apart: each handler sees the event once', async () => {
    const eventId = randomUUID();
    const noop = async () => undefined;
    expect(await withIdempotentTransaction(pool, schema, consumer(), eventId, noop)).toBe('processed');
    expect(await withIdempotentTransaction(pool, schema, consumer(), eventId, noop)).toBe('processed');
  });

  it('rolls back the mark with the writes when the handler throws, so a retry processes it', async () => {
    const name = consumer();
    const eventId = randomUUID();
    const failing = withIdempotentTransaction(pool, schema, name, eventId, async (client) => {
      await client.query(`insert into ${schema}.ledger (event_id, amount_fen) values ($1, 700)`, [eventId]);
      throw new Error('bank card check failed');
    });
    await expect(failing).rejects.toThrow('bank card check failed');
    expect(await ledgerRows(eventId)).toBe(0);
    expect(await marks(name, eventId)).toBe(0);

    const retried = await withIdempotentTransaction(pool, schema, name, eventId, async (client) => {
      await client.query(`insert into ${schema}.ledger (event_id, amount_fen) values ($1, 700)`, [eventId]);
    });
    expect(retried).toBe('processed');
    expect(await ledgerRows(eventId)).toBe(1);
  });

  it('gives exactly one effect when two transactions process the same event at once', async () => {
    const name = consumer();
    const eventId = randomUUID();
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query('begin');
      await b.query('begin');
      const bPid = await backendPid(b);
      const write = (client: typeof a) => () =>
        client
          .query(`insert into ${schema}.ledger (event_id, amount_fen) values ($1, 900)`, [eventId])
          .then(() => undefined);

      // A marks first and holds its transaction open; B's mark must wait for A's outcome.
      expect(await processOnce(a, { schema, consumer: name, eventId }, write(a))).toBe('processed');
      const second = processOnce(b, { schema, consumer: name, eventId }, write(b));
      await waitUntilBlocked(bPid);
      await a.query('commit');

      expect(await second).toBe('duplicate');
      await b.query('commit');
    } finally {
      a.release();
      b.release();
    }
    expect(await ledgerRows(eventId)).toBe(1);
  });

  it('lets the second transaction take over when the first rolls back', async () => {
    const name = consumer();
    const eventId = randomUUID();
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query('begin');
      await b.query('begin');
      const bPid = await backendPid(b);
      const write = (client: typeof a) => () =>
        client
          .query(`insert into ${schema}.ledger (event_id, amount_fen) values ($1, 900)`, [eventId])
          .then(() => undefined);

      expect(await processOnce(a, { schema, consumer: name, eventId }, write(a))).toBe('processed');
      const second = processOnce(b, { schema, consumer: name, eventId }, write(b));
      await waitUntilBlocked(bPid);
      await a.query('rollback');

      expect(await second).toBe('processed');
      await b.query('commit');
    } finally {
      a.release();
      b.release();
    }
    expect(await ledgerRows(eventId)).toBe(1);
  });

  it('races many deliveries of one event through the pool: one effect', async () => {
    const name = consumer();
    const eventId = randomUUID();
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        withIdempotentTransaction(pool, schema, name, eventId, async (client) => {
          await client.query(`insert into ${schema}.ledger (event_id, amount_fen) values ($1, 100)`, [eventId]);
        }),
      ),
    );
    expect(outcomes.filter((o) => o === 'processed')).toHaveLength(1);
    expect(await ledgerRows(eventId)).toBe(1);
  });

  it('refuses to run outside a transaction, where the mark would commit on its own', async () => {
    const client = await pool.connect();
    try {
      const run = processOnce(client, { schema, consumer: consumer(), eventId: randomUUID() }, async () => undefined);
      await expect(run).rejects.toThrow(/inside a transaction/);
    } finally {
      client.release();
    }
  });
});

const backendPid = async (client: PoolClient): Promise<number> =>
  (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;

/** Waits until the session with backend `pid` is blocked on a lock, as seen from another session. */
async function waitUntilBlocked(pid: number): Promise<void> {
  await waitFor(
    async () => {
      const { rows } = await pool.query(`select 1 from pg_stat_activity where pid = $1 and wait_event_type = 'Lock'`, [
        pid,
      ]);
      return rows.length > 0;
    },
    10_000,
    { message: "the second transaction waits on the first one's mark" },
  );
}
