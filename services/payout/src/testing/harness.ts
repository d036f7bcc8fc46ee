import { PostgresEventStore } from '@aid/event-store';
import { ensureProcessedEventsTable, InProcessMessageBus } from '@aid/messaging';
import { createTestSchema, type TestSchema } from '@aid/testing';
import type { BillSettledV1, EventEnvelope } from '@aid/contracts';
import { Payout } from '../payout';
import { recordPayables } from '../record-payables/record-payables';
import { aBillSettledEnvelope } from './fixtures';

export interface PayoutHarness extends TestSchema {
  store: PostgresEventStore;
  bus: InProcessMessageBus;
  payout: Payout;
  /** Runs every projection worker until it has read everything committed. */
  project(): Promise<void>;
  /** Records a settled bill's payables as the consumer would (its own transaction). */
  settle(bill: BillSettledV1, envelope?: Partial<Omit<EventEnvelope, 'data'>>): Promise<void>;
}

/** Payout's parts on a schema of their own, migrated, with an in-process bus; nothing started. */
export async function payoutHarness(prefix: string, options: { deadLetters?: string[] } = {}): Promise<PayoutHarness> {
  const test = await createTestSchema(prefix, { max: 12 });
  const store = new PostgresEventStore({ pool: test.pool, schema: test.schema });
  await store.migrate();
  await ensureProcessedEventsTable(test.pool, test.schema);
  const bus = new InProcessMessageBus({ onDeadLetter: (_topic, reason) => options.deadLetters?.push(reason) });
  const payout = new Payout({ schema: test.schema, pool: test.pool, store, bus, projections: { idleDelayMs: 20 } });
  await payout.migrate();
  return {
    ...test,
    store,
    bus,
    payout,
    async project() {
      for (const worker of payout.projectionWorkers) await worker.catchUp();
    },
    async settle(bill, envelope = {}) {
      const settled = aBillSettledEnvelope(bill, envelope);
      const client = await test.pool.connect();
      try {
        await client.query('begin');
        await recordPayables(store, client, settled.data, settled);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw err;
      } finally {
        client.release();
      }
    },
    async drop() {
      await payout.close();
      await bus.close();
      await test.drop();
    },
  };
}
