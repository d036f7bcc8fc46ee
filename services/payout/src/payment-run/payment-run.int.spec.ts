import type { BillSettledV1 } from '@aid/contracts';
import { Refusal } from '@aid/event-store/decider';
import { TOPICS } from '@aid/platform';
import { waitFor } from '@aid/testing';
import { claimPayables } from '../record-payables/claim-payables.query';
import { aBillSettledEnvelope, aSettledBill, anOutOfCountyBill, withLayerAmounts } from '../testing/fixtures';
import { payoutHarness, type PayoutHarness } from '../testing/harness';
import { paymentRunStreamId } from './domain/payment-run';
import { approveRun, cancelRun, paymentRun, prepareRun, type PaymentRunDeps } from './payment-run';

/**
 * The monthly run on real PostgreSQL: settlements arrive as BillSettled through payout's own
 * consumer, then a fund's run for the month is prepared, refused to its preparer and approved
 * by another person; a payable recorded afterwards stays out of the frozen run.
 */
const FUND = 'BASIC_MEDICAL_INSURANCE_FUND' as const;
const MARCH = { fund: FUND, month: '2019-03' };
const RUN_ID = paymentRunStreamId(FUND, '2019-03');

const basicOnly = (bill: BillSettledV1, amount: string) =>
  withLayerAmounts(bill, [amount, '0.00', '0.00', '50.00', '0.00']);
const inCounty = (claimId: string, hospitalId: string, amount: string, dischargeDate = '2019-03-11') =>
  basicOnly(aSettledBill({ claimId, hospitalId, householdId: `hh-${claimId}`, dischargeDate }), amount);
const outOfCounty = (claimId: string, householdId: string, amount: string) =>
  basicOnly(anOutOfCountyBill({ claimId, householdId, dischargeDate: '2019-03-20' }), amount);

const SETTLED = [
  inCounty('pr-1', 'hosp-run-a', '6800.00'),
  inCounty('pr-2', 'hosp-run-a', '100.00'),
  inCounty('pr-3', 'hosp-run-b', '300.00'),
  outOfCounty('pr-4', 'hh-run-x', '6800.00'),
  outOfCounty('pr-5', 'hh-run-y', '200.00'),
  inCounty('pr-6', 'hosp-run-a', '999.00', '2019-04-02'), // April: another run
];

const actor = (subject: string) => ({ subject, role: 'finance', agency: 'county finance bureau', region: null });
const meta = (subject: string) => ({ occurredAt: '2019-04-01T08:00:00.000Z', actor: actor(subject) });

describe('the monthly disbursement run of a fund (月拨付)', () => {
  let h: PayoutHarness;
  let deps: PaymentRunDeps;

  const settleThroughConsumer = async (bills: BillSettledV1[]) => {
    await h.bus.publish(
      TOPICS.claims,
      bills.map((b) => aBillSettledEnvelope(b)),
    );
    await waitFor(async () => {
      const recorded = await Promise.all(bills.map((b) => claimPayables(h.store, b.claimId)));
      return recorded.every((r) => r !== null);
    });
    // The run reads the store up to the oldest transaction still running: wait until ours are all older.
    await h.visible();
  };

  beforeAll(async () => {
    h = await payoutHarness('payout_run');
    deps = { store: h.store, schema: h.schema };
    await h.payout.consumer.start();
    await settleThroughConsumer(SETTLED);
  });
  afterAll(async () => {
    await h.payout.consumer.stop();
    await h.drop();
  });

  it('prepares one order per hospital and per household card, with control totals, at a recorded position', async () => {
    const [event] = await prepareRun(deps, MARCH, 'clerk-li', meta('clerk-li'));
    expect(event.type).toBe('RunPrepared');
    const run = await paymentRun(deps, MARCH);
    expect(run).toMatchObject({
      runId: RUN_ID,
      status: 'PREPARED',
      preparation: 1,
      preparedBy: 'clerk-li',
      approvedBy: null,
      controlTotals: { count: 4, payables: 5, sum: '14200.00' },
      payablesNotInRun: 0,
    });
    expect(run.orders.map((o) => [o.payee, o.payeeId, o.amount, o.payables.length, o.idempotencyKey])).toEqual([
      ['HOSPITAL', 'hosp-run-a', '6900.00', 2, `${RUN_ID}/HOSPITAL/hosp-run-a`],
      ['HOSPITAL', 'hosp-run-b', '300.00', 1, `${RUN_ID}/HOSPITAL/hosp-run-b`],
      ['HOUSEHOLD_BANK_CARD', 'hh-run-x', '6800.00', 1, `${RUN_ID}/HOUSEHOLD_BANK_CARD/hh-run-x`],
      ['HOUSEHOLD_BANK_CARD', 'hh-run-y', '200.00', 1, `${RUN_ID}/HOUSEHOLD_BANK_CARD/hh-run-y`],
    ]);
    // The orders cover exactly the basic fund's March payables, by their event ids.
    const { rows } = await h.pool.query<{ event_id: string; position: string }>(
      `select event_id::text, global_position::text as position from ${h.schema}.events
        where event_type in ('HospitalReimbursementOwed', 'BankCardPaymentDue')
          and data->>'fund' = $1 and data->>'month' = '2019-03'`,
      [FUND],
    );
    expect(run.orders.flatMap((o) => o.payables).sort()).toEqual(rows.map((r) => r.event_id).sort());
    expect(BigInt(run.position)).toBeGreaterThanOrEqual(BigInt(Math.max(...rows.map((r) => Number(r.position)))));

    const [stored] = await h.store.readStream(RUN_ID);
    expect(stored.metadata).toMatchObject({ partitionKey: `fund:${FUND}`, actor: actor('clerk-li') });
  });

  it('changes nothing when prepared again over the same payables', async () => {
    expect(await prepareRun(deps, MARCH, 'clerk-li', meta('clerk-li'))).toEqual([]);
  });

  it('refuses the preparer approving their own run, and takes another person’s approval', async () => {
    await expect(approveRun(deps, MARCH, 'clerk-li', meta('clerk-li'))).rejects.toMatchObject({
      constructor: Refusal,
      code: 'SELF_APPROVAL',
    });
    expect((await paymentRun(deps, MARCH)).status).toBe('PREPARED');

    const [approved] = await approveRun(deps, MARCH, 'head-zhao', meta('head-zhao'));
    expect(approved).toMatchObject({ type: 'RunApproved', data: { approvedBy: 'head-zhao', preparation: 1 } });
    expect(await paymentRun(deps, MARCH)).toMatchObject({ status: 'APPROVED', approvedBy: 'head-zhao' });
  });

  it('keeps a payable recorded later for the same month out of the frozen run', async () => {
    const before = await paymentRun(deps, MARCH);
    await settleThroughConsumer([inCounty('pr-7', 'hosp-run-b', '50.00')]);

    const after = await paymentRun(deps, MARCH);
    expect(after.orders).toEqual(before.orders);
    expect(after.controlTotals).toEqual({ count: 4, payables: 5, sum: '14200.00' });
    expect(after.payablesNotInRun).toBe(1);
    await expect(prepareRun(deps, MARCH, 'clerk-li', meta('clerk-li'))).rejects.toMatchObject({ code: 'RUN_EXISTS' });
  });

  it('after a cancellation, prepares the month again with the later payable, counted as a second preparation', async () => {
    await cancelRun(deps, MARCH, 'head-zhao', 'a payable came in late', meta('head-zhao'));
    await prepareRun(deps, MARCH, 'clerk-wu', meta('clerk-wu'));
    const run = await paymentRun(deps, MARCH);
    expect(run).toMatchObject({
      status: 'PREPARED',
      preparation: 2,
      preparedBy: 'clerk-wu',
      controlTotals: { count: 4, payables: 6, sum: '14250.00' },
      payablesNotInRun: 0,
    });
    expect(run.orders.find((o) => o.payeeId === 'hosp-run-b')?.amount).toBe('350.00');
  });
});
