import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { EventEnvelope } from '@aid/contracts';
import { PostgresEventStore, type NewEvent } from '@aid/event-store';
import { KafkaMessageBus, type Subscription, withIdempotentTransaction, ensureProcessedEventsTable } from '@aid/messaging';
import { createTestSchema, testDatabaseUrl, waitFor, type TestSchema } from '@aid/testing';

const root = path.resolve(__dirname, '..', '..', '..');
const relayMain = path.join(root, 'dist', 'libs', 'relay', 'src', 'main.js');

const HOUSEHOLDS = 30;
const EVENTS_PER_HOUSEHOLD = 100;
const TOTAL = HOUSEHOLDS * EVENTS_PER_HOUSEHOLD;

function brokers(): string[] {
  const value = process.env.KAFKA_BROKERS;
  if (!value) throw new Error('KAFKA_BROKERS is not set: the relay test needs the real broker');
  return value.split(',');
}

interface RelayProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startRelay(schema: string, topic: string, extraEnv: Record<string, string> = {}): RelayProcess {
  const child = spawn(process.execPath, [relayMain], {
    env: {
      ...process.env,
      DATABASE_URL: testDatabaseUrl(),
      RELAY_SCHEMA: schema,
      RELAY_TOPIC: topic,
      RELAY_BATCH_SIZE: '100',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited };
}

describe('relay from the PostgreSQL event store to Kafka', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  let bus: KafkaMessageBus;
  let subscription: Subscription | undefined;
  const running: RelayProcess[] = [];

  beforeAll(async () => {
    db = await createTestSchema('relay');
    store = new PostgresEventStore({ pool: db.pool, schema: db.schema });
    await store.migrate();
    await ensureProcessedEventsTable(db.pool, db.schema);
    await db.pool.query(
      `create table ${db.schema}.effects (event_id uuid primary key, household text not null, stream_version int not null, applied_order bigserial)`,
    );
    bus = new KafkaMessageBus({ brokers: brokers(), clientId: 'relay-test' });
  });

  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await subscription?.close();
    await bus.close();
    await db.drop();
  });

  it('loses no event and doubles no effect when killed mid-batch and restarted', async () => {
    // Given events of many households committed in the store
    for (let h = 0; h < HOUSEHOLDS; h++) {
      for (let batch = 0; batch < EVENTS_PER_HOUSEHOLD; batch += 10) {
        const events: NewEvent[] = Array.from({ length: 10 }, (_, i) => ({
          eventId: randomUUID(),
          type: 'AidLineRecorded',
          data: { amountFen: String(batch + i + 1) },
          metadata: { partitionKey: `household-${h}`, correlationId: randomUUID() },
        }));
        await store.appendToStream(`household-${h}`, events, { expectedVersion: batch });
      }
    }
    const topic = `relay-test-${randomBytes(4).toString('hex')}`;
    await bus.ensureTopics([topic]);

    // And an idempotent consumer applying one effect per event
    const deliveries: EventEnvelope[] = [];
    subscription = await bus.subscribe({
      groupId: `${topic}-ledger`,
      topics: [topic],
      handler: async (message) => {
        deliveries.push(message);
        await withIdempotentTransaction(db.pool, db.schema, 'ledger', message.eventId, async (client) => {
          await client.query(`insert into ${db.schema}.effects (event_id, household, stream_version) values ($1, $2, $3)`, [
            message.eventId,
            message.partitionKey,
            message.streamVersion,
          ]);
        });
      },
    });

    // When the relay dies right after the broker acknowledged a batch, before its checkpoint
    const first = startRelay(db.schema, topic, { RELAY_CRASH_AFTER: '1050' });
    running.push(first);
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const checkpointAfterCrash = Number(
      (await db.pool.query(`select position from ${db.schema}.checkpoints where subscription_id = $1`, [`relay:${db.schema}`]))
        .rows[0].position,
    );

    // And a second one is killed from outside while it works
    const second = startRelay(db.schema, topic);
    running.push(second);
    await waitFor(() => deliveries.length >= 2000, 60_000);
    second.child.kill('SIGKILL');
    await second.exited;

    // Then a third one finishes the job
    const third = startRelay(db.schema, topic);
    running.push(third);
    await waitFor(async () => {
      const { rows } = await db.pool.query(`select count(*)::int as n from ${db.schema}.effects`);
      return rows[0].n === TOTAL;
    }, 90_000);
    third.child.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);

    // The unacknowledged tail was published again, and only that: at most one batch per crash
    expect(checkpointAfterCrash).toBe(1000);
    const distinct = new Set(deliveries.map((d) => d.eventId));
    expect(distinct.size).toBe(TOTAL);
    expect(deliveries.length).toBeGreaterThanOrEqual(TOTAL + 100);
    expect(deliveries.length).toBeLessThanOrEqual(TOTAL + 2 * 100);

    // Every effect exactly once
    const { rows: effects } = await db.pool.query(
      `select household, stream_version from ${db.schema}.effects order by applied_order`,
    );
    expect(effects).toHaveLength(TOTAL);

    // And each household's events were applied in their stream order
    const lastVersion = new Map<string, number>();
    for (const e of effects as { household: string; stream_version: number }[]) {
      expect(e.stream_version).toBe((lastVersion.get(e.household) ?? 0) + 1);
      lastVersion.set(e.household, e.stream_version);
    }
    expect(lastVersion.size).toBe(HOUSEHOLDS);
  });
});
