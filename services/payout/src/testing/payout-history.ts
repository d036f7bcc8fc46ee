import type { BillSettledV1 } from '@aid/contracts';
import { derivedEventId } from '@aid/event-store';
import { formatYuan } from '@aid/money';
import fc from 'fast-check';
import type { PayoutHarness } from './harness';
import { aBillSettledEnvelope, aSettledBill } from './fixtures';

/**
 * Random histories of payout's store, for the property tests that hold each projection's SQL
 * to its TypeScript evolve: settlements of a few claims by a few households at a few
 * hospitals, both payees, any amounts (zeros too), some delivered more than once and some
 * settled twice (which the decider refuses), plus payables stored in the shape they had
 * before events carried `programme` and `payee`.
 */
export interface PayoutHistory {
  settlements: { bill: BillSettledV1; deliveries: number; occurredAt: string }[];
  legacy: LegacyPayable[];
}

/** A payable as stored before `programme` and `payee` (no such fields). */
export interface LegacyPayable {
  type: 'HospitalReimbursementOwed' | 'BankCardPaymentDue';
  data: Record<string, unknown>;
  occurredAt: string | null;
}

const FUNDS = [
  'BASIC_MEDICAL_INSURANCE_FUND',
  'CRITICAL_ILLNESS_INSURANCE',
  'COMMERCIAL_SUPPLEMENTARY_INSURANCE',
  'MEDICAL_ASSISTANCE_FUND',
  'GOVERNMENT_BACKSTOP_FUND',
] as const;

/** A yuan amount: often zero, else anything up to 100,000 yuan. */
const amount = fc.oneof(fc.constant('0.00'), fc.integer({ min: 1, max: 10_000_000 }).map(formatYuan));
const household = fc.integer({ min: 0, max: 3 }).map((n) => `hh-${n}`);
const hospital = fc.integer({ min: 0, max: 2 }).map((n) => `hosp-${n}`);
const year = fc.constantFrom(2019, 2020);
const month = fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0'));
const day = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));

const settlement = fc
  .record({
    claim: fc.integer({ min: 0, max: 7 }),
    householdId: household,
    hospitalId: hospital,
    inCounty: fc.boolean(),
    amounts: fc.tuple(amount, amount, amount, amount, amount),
    year,
    month,
    day,
    deliveries: fc.integer({ min: 1, max: 3 }),
  })
  .map((s) => {
    const date = `${s.year}-${s.month}-${s.day}`;
    const bill = aSettledBill({
      claimId: `claim-${s.claim}`,
      householdId: s.householdId,
      memberId: `${s.householdId}-m`,
      hospitalId: s.hospitalId,
      year: s.year,
      admissionDate: date,
      dischargeDate: date,
      inCounty: s.inCounty,
      payee: s.inCounty ? 'HOSPITAL' : 'HOUSEHOLD_BANK_CARD',
    });
    return {
      bill: { ...bill, layers: bill.layers.map((l, i) => ({ ...l, amount: s.amounts[i] })) },
      deliveries: s.deliveries,
      occurredAt: `${date}T09:30:00.000Z`,
    };
  });

const legacyPayable = fc
  .record({
    hospitalPaid: fc.boolean(),
    householdId: household,
    hospitalId: hospital,
    fund: fc.constantFrom(...FUNDS),
    amount: amount.filter((a) => a !== '0.00'),
    year,
    month,
    occurredAt: fc.option(fc.constant('2019-05-01T00:00:00.000Z')),
  })
  .map((p): LegacyPayable => {
    const data = {
      claimId: 'claim-legacy',
      householdId: p.householdId,
      memberId: `${p.householdId}-m`,
      fund: p.fund,
      amount: p.amount,
      year: p.year,
      month: `${p.year}-${p.month}`,
    };
    return p.hospitalPaid
      ? { type: 'HospitalReimbursementOwed', data: { ...data, hospitalId: p.hospitalId }, occurredAt: p.occurredAt }
      : { type: 'BankCardPaymentDue', data, occurredAt: p.occurredAt };
  });

export const aPayoutHistory: fc.Arbitrary<PayoutHistory> = fc.record({
  settlements: fc.array(settlement, { maxLength: 10 }),
  legacy: fc.array(legacyPayable, { maxLength: 4 }),
});

/**
 * Empties payout's store and read models, then stores `history`: each settlement through
 * the consumer's own path (a second settlement of a claim is refused, as it would be
 * dead-lettered), redeliveries right after the first delivery and once more at the end, and
 * the legacy payables appended as they were once stored. Returns once every event is visible.
 */
export async function storePayoutHistory(h: PayoutHarness, history: PayoutHistory): Promise<void> {
  await h.pool.query(
    `truncate ${h.schema}.events, ${h.schema}.streams, ${h.schema}.checkpoints,
              ${h.schema}.household_ledger_lines, ${h.schema}.household_ledger_totals, ${h.schema}.hospital_receivables
      restart identity`,
  );
  const envelopes = history.settlements.map((s, i) => ({
    ...s,
    envelope: aBillSettledEnvelope(s.bill, { eventId: derivedEventId('history', String(i)), occurredAt: s.occurredAt }),
  }));
  const deliver = async (envelope: (typeof envelopes)[number]['envelope']) => {
    const client = await h.pool.connect();
    try {
      await client.query('begin');
      await h.payout.recordSettlement(client, envelope.data, envelope);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback');
      if ((err as { code?: string }).code !== 'CLAIM_ALREADY_RECORDED') throw err;
    } finally {
      client.release();
    }
  };
  for (const s of envelopes) for (let n = 0; n < s.deliveries; n++) await deliver(s.envelope);
  for (const s of envelopes) if (s.deliveries > 1) await deliver(s.envelope);
  for (const [i, p] of history.legacy.entries()) {
    await h.store.appendToStream(
      `payables-legacy-${i}`,
      [
        {
          eventId: derivedEventId('legacy', String(i)),
          type: p.type,
          data: p.data,
          metadata: p.occurredAt ? { occurredAt: p.occurredAt } : {},
        },
      ],
      { expectedVersion: 'no_stream' },
    );
  }
  await h.visible();
}
