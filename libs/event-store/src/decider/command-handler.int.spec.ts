import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { createTestSchema, type TestSchema } from '@aid/testing';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { WrongExpectedVersionError } from '../port';
import { assertNever, type Decider } from './decider';
import { runCommand, type CommandStore } from './command-handler';
import { Refusal, rule } from './refusal';

// A tiny two-stream domain: a transfer takes from one account and gives to another, and an
// account never goes below zero. Each account is its own stream.
type Event = { type: 'Taken'; data: { account: string; amount: number } } | { type: 'Given'; data: { account: string; amount: number } };
type Command = { type: 'Transfer'; data: { from: string; to: string; amount: number } };
type State = Record<string, number>;

const bank: Decider<State, Command, Event> = {
  initialState: () => ({}),
  evolve(state, event) {
    const balance = state[event.data.account] ?? 0;
    switch (event.type) {
      case 'Taken':
        return { ...state, [event.data.account]: balance - event.data.amount };
      case 'Given':
        return { ...state, [event.data.account]: balance + event.data.amount };
      default:
        return assertNever(event, 'bank event');
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'Transfer': {
        const { from, to, amount } = command.data;
        if (from !== 'mint' && (state[from] ?? 0) < amount) throw rule('INSUFFICIENT_FUNDS', `${from} holds less than ${amount}`);
        return [
          { type: 'Taken', data: { account: from, amount } },
          { type: 'Given', data: { account: to, amount } },
        ];
      }
      default:
        return assertNever(command.type, 'bank command');
    }
  },
};

const transfer = (from: string, to: string, amount: number): Command => ({ type: 'Transfer', data: { from, to, amount } });
const streams = (c: Command) => ({
  read: [`account-${c.data.from}`, `account-${c.data.to}`],
  streamOf: (e: Event) => `account-${e.data.account}`,
});
const context = { eventIds: randomUUID, metadata: {} };

describe('the command handler', () => {
  let db: TestSchema;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema('handler', { max: 8 });
    store = new PostgresEventStore({ pool: db.pool, schema: db.schema });
    await store.migrate();
  });

  afterAll(() => db.drop());

  const run = (c: Command, options = {}) => runCommand(store, bank, streams(c), c, context, options);
  const balance = async (account: string) =>
    (await store.readStream(`account-${account}`)).reduce(
      (sum, e) => sum + (e.type === 'Given' ? 1 : -1) * (e.data as { amount: number }).amount,
      0,
    );

  it('routes each decided event to its stream, in one transaction at the versions read', async () => {
    const handled = await run(transfer('mint', 'a1', 100));
    expect(handled.versions).toEqual({ 'account-mint': 1, 'account-a1': 1 });
    expect((await store.readStream('account-a1')).map((e) => e.type)).toEqual(['Given']);
    expect((await store.readStream('account-mint')).map((e) => e.type)).toEqual(['Taken']);
  });

  it('serialises many commands on one stream: none fails, none spends the same balance twice', async () => {
    await run(transfer('mint', 'a2', 50));
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => run(transfer('a2', `to-${i}`, 2))));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as Refusal).code] : []));
    // 50 / 2 = 25 transfers fit; the other five are refused by the rule, not by a race.
    expect(refused).toEqual(Array(5).fill('INSUFFICIENT_FUNDS'));
    expect(await balance('a2')).toBe(0);
    expect((await store.readStream('account-a2')).map((e) => e.streamVersion)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
  });

  it('writes nothing, on any stream or table, when the caller’s own write fails', async () => {
    await db.pool.query(`create table ${db.schema}.audit (note text primary key)`);
    const failing = run(transfer('mint', 'a3', 5), {
      alsoWrite: async (client: PoolClient) => {
        await client.query(`insert into ${db.schema}.audit values ('a3')`);
        throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await store.readStream('account-a3')).toEqual([]);
    expect((await db.pool.query(`select * from ${db.schema}.audit`)).rows).toEqual([]);
  });

  it('decides again on the new state when a writer that takes no lock got in first', async () => {
    await run(transfer('mint', 'a4', 10));
    let reads = 0;
    // A store whose first read of a4 is followed, before the append, by a plain append.
    const racing: CommandStore = {
      schema: store.schema,
      pool: store.pool,
      appendWith: (...args) => store.appendWith(...args),
      async readStreamWith(client, streamId, options) {
        const events = await store.readStreamWith(client, streamId, options);
        if (streamId === 'account-a4' && reads++ === 0) {
          await store.appendToStream('account-a4', [{ eventId: randomUUID(), type: 'Taken', data: { account: 'a4', amount: 10 } }]);
        }
        return events;
      },
    };
    const c = transfer('a4', 'b4', 10);
    await expect(runCommand(racing, bank, streams(c), c, context)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect(reads).toBe(2);
    expect(await store.readStream('account-b4')).toEqual([]);
  });

  it('gives up after the retry policy with a retriable refusal, and inside a caller’s transaction leaves the retry to it', async () => {
    const alwaysRacing: CommandStore = {
      schema: store.schema,
      pool: store.pool,
      readStreamWith: (...args) => store.readStreamWith(...args),
      appendWith: async (_client, streamId, _events, options) => {
        throw new WrongExpectedVersionError(streamId, options?.expectedVersion ?? 'any', 99);
      },
    };
    const c = transfer('mint', 'a5', 1);
    await expect(runCommand(alwaysRacing, bank, streams(c), c, context, { retry: { maxAttempts: 3 } })).rejects.toMatchObject({
      constructor: Refusal,
      code: 'CONCURRENT_CHANGE',
      kind: 'CONFLICT',
      retriable: true,
    });

    const client = await db.pool.connect();
    try {
      await client.query('begin');
      await expect(runCommand(alwaysRacing, bank, streams(c), c, context, { client })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      await client.query('rollback');
    } finally {
      client.release();
    }
  });

  it('refuses to route an event to a stream the command did not read', async () => {
    const c = transfer('mint', 'a6', 1);
    await expect(runCommand(store, bank, { read: ['account-mint'], streamOf: streams(c).streamOf }, c, context)).rejects.toThrow(
      'Given is routed to account-a6, a stream the command did not read',
    );
    expect(await store.readStream('account-a6')).toEqual([]);
  });
});
