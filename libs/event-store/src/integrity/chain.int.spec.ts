import { randomUUID } from 'node:crypto';
import { createTestSchema, waitFor, type TestSchema } from '@aid/testing';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { Chainer } from './chainer';
import { verifyChain } from './verify-chain';

/** The chain on real PostgreSQL: written by the chainer, then tampered with as an insider would. */
let db: TestSchema;
let store: PostgresEventStore;

beforeEach(async () => {
  db = await createTestSchema('chain', { max: 8 });
  store = new PostgresEventStore({ pool: db.pool, schema: db.schema });
  await store.migrate();
});
afterEach(() => db.drop());

/** Chains until the chain has `links` links: another test's open transaction anywhere in the database holds the visible horizon back for a while. */
async function chainUntil(links: number): Promise<void> {
  const c = new Chainer({ pool: db.pool, schema: db.schema });
  await waitFor(
    async () => {
      await c.catchUp();
      const { rows } = await db.pool.query(`select count(*)::int as n from ${db.schema}.event_hashes`);
      return rows[0].n === links;
    },
    10_000,
    { message: `the chain to reach ${links} links` },
  );
}

/** Six events in four appends on two streams, all chained: positions 1 to 6. */
async function chainedHistory(): Promise<void> {
  const event = (type: string, data: unknown) => ({ eventId: randomUUID(), type, data, metadata: { by: 'test' } });
  await store.appendToStream('household-1', [event('Enrolled', { members: 3 }), event('Verified', { by: '王' })]);
  await store.appendToStream('claim-1', [event('Submitted', { amountFen: 12_000 })]);
  await store.appendToStream('claim-1', [
    event('Approved', { amountFen: 12_000 }),
    event('Paid', { amountFen: 12_000 }),
  ]);
  await store.appendToStream('household-1', [event('Moved', { village: 'Xiaohe' })]);
  await chainUntil(6);
}

async function eventAt(position: number): Promise<{ stream_id: string; stream_version: string; event_id: string }> {
  const { rows } = await db.pool.query(
    `select stream_id, stream_version::text as stream_version, event_id::text as event_id from ${db.schema}.events where global_position = $1`,
    [position],
  );
  return rows[0];
}

describe('the hash chain', () => {
  it('verifies an intact store, naming its head', async () => {
    await chainedHistory();
    const { rows } = await db.pool.query(`select hash from ${db.schema}.event_hashes where seq = 6`);
    expect(await verifyChain(db.pool, db.schema)).toEqual({
      intact: true,
      chained: 6,
      head: { seq: 6, globalPosition: '6', hash: rows[0].hash },
      unchained: 0,
    });
  });

  it('counts events the chainer has not reached yet, and covers them once it has', async () => {
    await chainedHistory();
    await store.appendToStream('claim-2', [{ eventId: randomUUID(), type: 'Submitted', data: {} }]);
    expect(await verifyChain(db.pool, db.schema)).toMatchObject({ intact: true, chained: 6, unchained: 1 });
    await chainUntil(7);
    expect(await verifyChain(db.pool, db.schema)).toMatchObject({ intact: true, chained: 7, unchained: 0 });
  });

  it('names the event whose stored data was altered', async () => {
    await chainedHistory();
    const victim = await eventAt(4);
    await db.pool.query(`update ${db.schema}.events set data = '{"amountFen": 1200000}' where global_position = 4`);
    expect(await verifyChain(db.pool, db.schema)).toEqual({
      intact: false,
      verifiedBefore: 3,
      problem: {
        kind: 'altered',
        seq: 4,
        globalPosition: '4',
        streamId: 'claim-1',
        streamVersion: 2,
        eventId: victim.event_id,
        detail: expect.stringContaining('hashes to'),
      },
    });
  });

  it('sees a change of the recorded time below the millisecond', async () => {
    await chainedHistory();
    await db.pool.query(
      `update ${db.schema}.events set recorded_at = recorded_at + interval '1 microsecond' where global_position = 2`,
    );
    expect(await verifyChain(db.pool, db.schema)).toMatchObject({
      intact: false,
      problem: { kind: 'altered', globalPosition: '2' },
    });
  });

  it('names the gap where an event was removed', async () => {
    await chainedHistory();
    const victim = await eventAt(3);
    await db.pool.query(`delete from ${db.schema}.events where global_position = 3`);
    expect(await verifyChain(db.pool, db.schema)).toEqual({
      intact: false,
      verifiedBefore: 2,
      problem: {
        kind: 'removed',
        seq: 3,
        globalPosition: '3',
        streamId: 'claim-1',
        streamVersion: 1,
        eventId: victim.event_id,
        detail: expect.stringContaining('no longer'),
      },
    });
  });

  it('names the last event when it is the one removed', async () => {
    await chainedHistory();
    await db.pool.query(`delete from ${db.schema}.events where global_position = 6`);
    expect(await verifyChain(db.pool, db.schema)).toMatchObject({
      intact: false,
      problem: { kind: 'removed', seq: 6, globalPosition: '6' },
    });
  });

  it('names an event inserted inside the chained history with a forged position', async () => {
    await chainedHistory();
    const forgedId = randomUUID();
    // Beside the third event in commit order: its transaction, a position no append ever took.
    await db.pool.query(
      `insert into ${db.schema}.events
         (global_position, transaction_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
       overriding system value
       select 100, transaction_id, 'claim-9', 1, $1, 'Paid', 1, '{"amountFen": 99900}', '{}'
         from ${db.schema}.events where global_position = 3`,
      [forgedId],
    );
    expect(await verifyChain(db.pool, db.schema)).toEqual({
      intact: false,
      verifiedBefore: 3,
      problem: {
        kind: 'inserted',
        seq: 4,
        globalPosition: '100',
        streamId: 'claim-9',
        streamVersion: 1,
        eventId: forgedId,
        detail: expect.stringContaining('no link'),
      },
    });
  });

  it('names an event moved out of its place in commit order', async () => {
    await chainedHistory();
    await db.pool.query(
      `update ${db.schema}.events set transaction_id = (select transaction_id from ${db.schema}.events where global_position = 6)
        where global_position = 2`,
    );
    expect(await verifyChain(db.pool, db.schema)).toMatchObject({
      intact: false,
      problem: { kind: 'moved', seq: 2, globalPosition: '2' },
    });
  });

  it('names a link of the hash table that does not follow the one before', async () => {
    await chainedHistory();
    await db.pool.query(`delete from ${db.schema}.event_hashes where seq = 5`);
    expect(await verifyChain(db.pool, db.schema)).toMatchObject({
      intact: false,
      problem: { kind: 'chain-edited', seq: 6 },
    });
  });

  it('leaves no event out when an earlier transaction commits after a later one', async () => {
    await chainedHistory();
    const held = await db.pool.connect();
    try {
      await held.query('begin');
      await store.appendWith(held, 'claim-late', [{ eventId: randomUUID(), type: 'Submitted', data: {} }]);
      await store.appendToStream('claim-early', [{ eventId: randomUUID(), type: 'Submitted', data: {} }]);
      expect(await new Chainer({ pool: db.pool, schema: db.schema }).catchUp()).toBe(0);
      await held.query('commit');
    } finally {
      held.release();
    }
    await chainUntil(8);
    expect(await verifyChain(db.pool, db.schema)).toMatchObject({ intact: true, chained: 8, unchained: 0 });
  });

  it('stays one chain, without a gap or a link twice, under concurrent writers, two chainers and small batches', async () => {
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; i < 20; i++) {
        await store.appendToStream(`stream-${w}-${i % 3}`, [
          { eventId: randomUUID(), type: 'A', data: { w, i } },
          { eventId: randomUUID(), type: 'B', data: { w, i } },
        ]);
      }
    });
    const errors: unknown[] = [];
    const chainers = [1, 2].map(
      () =>
        new Chainer({
          pool: db.pool,
          schema: db.schema,
          batchSize: 7,
          idleDelayMs: 5,
          onError: (e) => errors.push(e),
        }),
    );
    for (const c of chainers) await c.start();
    await Promise.all(writers);
    for (const c of chainers) await c.stop();
    await chainUntil(240);
    expect(await verifyChain(db.pool, db.schema, { pageSize: 7 })).toMatchObject({
      intact: true,
      chained: 240,
      unchained: 0,
    });
    // A chainer that lost the race says so and tries again; nothing else may go wrong.
    expect(errors.filter((e) => !String((e as Error).message).includes('already chained'))).toEqual([]);
  });
});
