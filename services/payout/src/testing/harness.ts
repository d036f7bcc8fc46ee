import { PostgresEventStore } from '@aid/event-store';
import { ensureProcessedEventsTable, InProcessMessageBus } from '@aid/messaging';
import { createTestSchema, waitFor, type TestSchema } from '@aid/testing';
import type { BillSettledV1, EventEnvelope } from '@aid/contracts';
import { Payout } from '../payout';
import { aBillSettledEnvelope } from './fixtures';

export interface PayoutHarness extends TestSchema {
  store: PostgresEventStore;
  bus: InProcessMessageBus;
  payout: Payout;
  /**
   * Waits until every stored event is visible to the store's readers. Readers see only
   * transactions older than the oldest one running in the whole cluster (ADR 0003), and
   * other test files share the server: one of them holding a transaction open delays this.
   */
  visible(): Promise<void>;
  /** Runs every projection worker until it has read everything committed (once visible). */
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
  const visible = async () => {
    await waitFor(
      async () => {
        const { rows } = await test.pool.query<{ hidden: number }>(
          `select count(*)::int as hidden from ${test.schema}.events where transaction_id >= pg_snapshot_xmin(pg_current_snapshot())`,
        );
        return rows[0].hidden === 0;
      },
      60_000,
      { intervalMs: 50, message: 'stored events to become visible to readers' },
    );
  };
  return {
    ...test,
    store,
    bus,
    payout,
    visible,
    async project() {
      await visible();
      for (const worker of payout.projectionWorkers) await worker.catchUp();
    },
    async settle(bill, envelope = {}) {
      const settled = aBillSettledEnvelope(bill, envelope);
      const client = await test.pool.connect();
      try {
        await client.query('begin');
        await payout.recordSettlement(client, settled.data, settled);
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
