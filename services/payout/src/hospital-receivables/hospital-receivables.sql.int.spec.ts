import { fenFromSql } from '@aid/money';
import fc from 'fast-check';
import { projectionWorker } from '../projection/projection-worker';
import { pgTransactions } from '../projection/transactions';
import { storedPayoutEvent } from '../record-payables/domain/payout-events';
import { rebuildProjection } from '../rebuild/rebuild';
import { payoutHarness, type PayoutHarness } from '../testing/harness';
import { aPayoutHistory, storePayoutHistory } from '../testing/payout-history';
import {
  evolve,
  isReceivablesEvent,
  noReceivables,
  receivableKey,
  type Receivable,
  type ReceivablesRows,
} from './domain/receivables-evolve';
import { hospitalReceivablesProjection } from './hospital-receivables.projection';

describe('hospital receivables: their SQL makes the rows their TypeScript evolve says', () => {
  let h: PayoutHarness;
  beforeAll(async () => {
    h = await payoutHarness('payout_receivables_sql');
  });
  afterAll(() => h.drop());

  const sqlRows = async (): Promise<ReceivablesRows> => {
    const { rows } = await h.pool.query(
      `select hospital_id, year, month, fund, owed_fen::text, lines from ${h.schema}.hospital_receivables`,
    );
    return new Map(
      rows.map((r) => {
        const receivable: Receivable = {
          hospitalId: r.hospital_id,
          year: r.year,
          month: r.month,
          fund: r.fund,
          owedFen: fenFromSql(r.owed_fen),
          lines: r.lines,
        };
        return [receivableKey(receivable), receivable];
      }),
    );
  };

  it('gives the same rows live, batch by batch, and rebuilt, on random histories', async () => {
    await fc.assert(
      fc.asyncProperty(
        aPayoutHistory,
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        async (history, batchSize, replayBatch) => {
          await storePayoutHistory(h, history);
          const expected = (await h.store.readAll({ maxCount: 100_000 }))
            .map(storedPayoutEvent)
            .filter(isReceivablesEvent)
            .reduce(evolve, noReceivables());

          const live = projectionWorker({
            projection: hospitalReceivablesProjection,
            schema: h.schema,
            store: h.store,
            checkpoints: h.store.checkpoints(),
            transactions: pgTransactions(h.pool),
            batchSize,
          });
          await live.catchUp();
          expect(await sqlRows()).toEqual(expected);

          const report = await rebuildProjection(h.pool, h.schema, 'hospital-receivables', {
            batchSize: replayBatch,
          });
          expect(report.equal).toBe(true);
          expect(await sqlRows()).toEqual(expected);
        },
      ),
      { numRuns: 15 },
    );
  });
});
