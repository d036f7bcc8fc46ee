import { fenFromSql } from '@aid/money';
import fc from 'fast-check';
import { projectionWorker } from '../projection/projection-worker';
import { pgTransactions } from '../projection/transactions';
import { storedPayoutEvent } from '../record-payables/domain/payout-events';
import { rebuildProjection } from '../rebuild/rebuild';
import { payoutHarness, type PayoutHarness } from '../testing/harness';
import { aPayoutHistory, storePayoutHistory } from '../testing/payout-history';
import { emptyLedger, evolve, isLedgerEvent, totalKey, type LedgerLine, type LedgerRows } from './domain/ledger-evolve';
import { householdLedgerProjection } from './household-ledger.projection';

describe('the household ledger: its SQL makes the rows its TypeScript evolve says', () => {
  let h: PayoutHarness;
  beforeAll(async () => {
    h = await payoutHarness('payout_ledger_sql');
  });
  afterAll(() => h.drop());

  /** Both tables as the evolve's rows. */
  const sqlRows = async (): Promise<LedgerRows> => {
    const { rows: lines } = await h.pool.query(
      `select event_id, event_position::text, event_type, household_id, year, month, program, fund, payee_kind,
              hospital_id, claim_id, member_id, amount_fen::text, occurred_at
         from ${h.schema}.household_ledger_lines`,
    );
    const { rows: totals } = await h.pool.query(
      `select household_id, year, program, fund, amount_fen::text, lines from ${h.schema}.household_ledger_totals`,
    );
    return {
      lines: new Map(
        lines.map((r): [string, LedgerLine] => [
          r.event_id,
          {
            eventId: r.event_id,
            eventPosition: r.event_position,
            eventType: r.event_type,
            householdId: r.household_id,
            year: r.year,
            month: r.month,
            program: r.program,
            fund: r.fund,
            payeeKind: r.payee_kind,
            hospitalId: r.hospital_id,
            claimId: r.claim_id,
            memberId: r.member_id,
            amountFen: fenFromSql(r.amount_fen),
            occurredAt: (r.occurred_at as Date).toISOString(),
          },
        ]),
      ),
      totals: new Map(
        totals.map((r) => {
          const total = {
            householdId: r.household_id,
            year: r.year,
            program: r.program,
            fund: r.fund,
            amountFen: fenFromSql(r.amount_fen),
            lines: r.lines,
          };
          return [totalKey(total), total];
        }),
      ),
    };
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
            .filter(isLedgerEvent)
            .reduce(evolve, emptyLedger());

          const live = projectionWorker({
            projection: householdLedgerProjection,
            schema: h.schema,
            store: h.store,
            checkpoints: h.store.checkpoints(),
            transactions: pgTransactions(h.pool),
            batchSize,
          });
          await live.catchUp();
          expect(await sqlRows()).toEqual(expected);

          const report = await rebuildProjection(h.pool, h.schema, 'household-ledger', { batchSize: replayBatch });
          expect(report.equal).toBe(true);
          expect(await sqlRows()).toEqual(expected);
        },
      ),
      { numRuns: 15 },
    );
  });
});
