import { waitFor } from '@aid/testing';
import { aSettledBill } from '../testing/fixtures';
import { payoutHarness, type PayoutHarness } from '../testing/harness';
import { PAYOUT_PROJECTIONS } from '../payout';

describe('a projection batch: rows and checkpoint in one transaction', () => {
  // The worker is shared code; the ledger is the projection it is watched through here.
  const householdLedgerProjection = PAYOUT_PROJECTIONS.find((p) => p.name === 'household-ledger')!;
  let h: PayoutHarness;
  const ledgerWorker = () => h.payout.projectionWorkers.find((w) => w.name.endsWith('household-ledger'))!;
  const count = async (table: string) =>
    (await h.pool.query(`select count(*)::int as n from ${h.schema}.${table}`)).rows[0].n as number;
  const checkpoint = async () =>
    (
      await h.pool.query(`select position from ${h.schema}.checkpoints where subscription_id = $1`, [
        householdLedgerProjection.subscriptionId,
      ])
    ).rows[0]?.position ?? null;

  beforeAll(async () => {
    h = await payoutHarness('payout_projection');
    await h.settle(aSettledBill({ claimId: 'tx-1' }));
    await h.settle(aSettledBill({ claimId: 'tx-2' }));
  });
  afterAll(() => h.drop());

  it('leaves neither rows nor checkpoint when the batch fails after writing its rows', async () => {
    // The checkpoint is the batch's last write: failing it comes after the lines and totals.
    await h.pool.query(`
      create function ${h.schema}.refuse_checkpoint() returns trigger language plpgsql as $$
      begin raise exception 'checkpoint refused by the test'; end $$;
      create trigger refuse_checkpoint before insert or update on ${h.schema}.checkpoints
        for each row when (new.subscription_id = '${householdLedgerProjection.subscriptionId}')
        execute function ${h.schema}.refuse_checkpoint();`);
    await h.visible();
    await expect(ledgerWorker().catchUp()).rejects.toThrow('checkpoint refused by the test');
    expect(await count('household_ledger_lines')).toBe(0);
    expect(await count('household_ledger_totals')).toBe(0);
    expect(await checkpoint()).toBeNull();
  });

  it('writes both once the failure is gone, each event once', async () => {
    await h.pool.query(`drop trigger refuse_checkpoint on ${h.schema}.checkpoints`);
    await ledgerWorker().catchUp();
    expect(await count('household_ledger_lines')).toBe(8);
    expect(await count('household_ledger_totals')).toBe(4);
    const last = (await h.pool.query(`select max(global_position)::text as p from ${h.schema}.events`)).rows[0].p;
    expect(await checkpoint()).toBe(last);
  });

  it('follows the store when started, and stops', async () => {
    const worker = ledgerWorker();
    await worker.start();
    try {
      await h.settle(aSettledBill({ claimId: 'tx-3' }));
      await waitFor(async () => (await count('household_ledger_lines')) === 12);
    } finally {
      await worker.stop();
    }
    // Stopped: what is appended now stays unprojected, while another worker, polling as this
    // one did, takes it in...
    const stoppedAt = await checkpoint();
    const receivables = h.payout.projectionWorkers.find((w) => w.name.endsWith('hospital-receivables'))!;
    await receivables.start();
    try {
      await h.settle(aSettledBill({ claimId: 'tx-4' }));
      await waitFor(async () => {
        const { rows } = await h.pool.query(
          `select coalesce(sum(lines), 0)::int as n from ${h.schema}.hospital_receivables`,
        );
        return rows[0].n === 16;
      });
    } finally {
      await receivables.stop();
    }
    expect(await count('household_ledger_lines')).toBe(12);
    expect(await checkpoint()).toBe(stoppedAt);
    // ...until it is asked to catch up again.
    expect(await worker.catchUp()).toBe(5);
    expect(await count('household_ledger_lines')).toBe(16);
  });
});
