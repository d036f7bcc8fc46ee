import { checkPublicEvent, contractTypes, parseContractEvent, TOPIC_NAMES } from '@aid/contracts';
import { onTheTopic, withMore } from '@aid/testing/contracts';
import { payablesDecider, type PayablesEvent } from '../record-payables/domain/payables';
import { upcastPayoutEvent, type PayoutEvent } from '../record-payables/domain/payout-events';
import { aSettledBill, anOutOfCountyBill } from '../testing/fixtures';
import type { RecordedEvent } from '@aid/event-store';
import { PAYMENT_RUN_EVENT_TYPES } from '../payment-run/domain/payment-run';
import { RECONCILIATION_EVENT_TYPES } from '../reconciliation/domain/reconciliation';
import { payoutPublicEvent, payoutToPublic } from './to-public';

const topic = TOPIC_NAMES.payout;

/** What the payables decider records for one in-county and one out-of-county settlement. */
function everyPayablesEvent(): PayablesEvent[] {
  return [aSettledBill({ claimId: 'P1' }), anOutOfCountyBill({ claimId: 'P2' })].flatMap((settlement, i) =>
    payablesDecider.decide(
      { type: 'RecordPayables', data: { settlementEventId: `7c0c4f5e-0000-4000-8000-00000000000${i}`, settlement } },
      payablesDecider.initialState(),
    ),
  );
}

/** A payable as stored before payables named their programme and payee. */
function withoutProgrammeAndPayee(event: PayoutEvent): { type: string; data: unknown } {
  const { programme: _programme, payee: _payee, ...v1 } = event.data as unknown as Record<string, unknown>;
  return { type: event.type, data: v1 };
}

const ENVELOPE = {
  eventId: '00000000-0000-4000-8000-000000000003',
  streamId: 'payables-P1',
  streamVersion: 2,
  globalPosition: '3',
  partitionKey: 'household-1',
  correlationId: 'c-1',
  causationId: null,
  occurredAt: '2019-03-11T09:30:00.000Z',
} as const;

describe('payout publishes the aid.payout.v1 contract', () => {
  const stored: PayoutEvent[] = everyPayablesEvent();
  const published = stored.map((e) => [e.type, payoutPublicEvent(e)] as const);

  it('publishes every type the registry lists for its topic, and no other', () => {
    const types = published.flatMap(([, p]) => (p ? [p.type] : []));
    expect([...new Set(types)].sort()).toEqual([...contractTypes(topic)].sort());
  });

  it.each(published.filter(([, p]) => p !== null))('%s passes the registry check at its newest version', (_type, p) => {
    expect(checkPublicEvent(topic, p!)).toEqual([]);
    expect(parseContractEvent(topic, onTheTopic(p!, ENVELOPE))).toMatchObject({ ok: true, event: { data: p!.data } });
  });

  it('names the medical programme and the payee its type implies', () => {
    const named = published.flatMap(([, p]) => (p ? [[p.type, p.data.programme, p.data.payee]] : []));
    expect(new Set(named.map((n) => n.join(' ')))).toEqual(
      new Set(['HospitalReimbursementOwed MEDICAL HOSPITAL', 'BankCardPaymentDue MEDICAL HOUSEHOLD_BANK_CARD']),
    );
  });

  it('publishes payables stored without programme and payee exactly as those stored with them', () => {
    for (const event of stored.filter((e) => e.type !== 'PayablesRecorded')) {
      const older = payoutPublicEvent(upcastPayoutEvent(withoutProgrammeAndPayee(event)));
      expect(older).toEqual(payoutPublicEvent(event));
      expect(checkPublicEvent(topic, older!)).toEqual([]);
    }
  });

  it('keeps PayablesRecorded home', () => {
    expect(published.filter(([, p]) => p === null).map(([type]) => type)).toEqual([
      'PayablesRecorded',
      'PayablesRecorded',
    ]);
  });

  it('lets no new internal field out: each public field is copied by name', () => {
    for (const event of stored) {
      expect(payoutPublicEvent(withMore(event, { settlementEventId: 'stays home', note: 'stays home' }))).toEqual(
        payoutPublicEvent(event),
      );
    }
  });
});

describe('the daily reconciliation and the day of a payable on aid.payout.v1', () => {
  const recorded = (type: string, data: unknown): RecordedEvent =>
    ({ eventId: 'e-1', type, schemaVersion: 1, data, metadata: {}, streamId: 's', streamVersion: 1 }) as RecordedEvent;

  it('keeps every reconciliation event home', () => {
    for (const type of RECONCILIATION_EVENT_TYPES) expect(payoutToPublic(recorded(type, {}))).toBeNull();
  });

  it('keeps every payment run event home', () => {
    for (const type of PAYMENT_RUN_EVENT_TYPES) expect(payoutToPublic(recorded(type, {}))).toBeNull();
  });

  it('publishes no day: the public contract is unchanged', () => {
    for (const event of everyPayablesEvent()) {
      const published = payoutToPublic(recorded(event.type, event.data));
      if (published) expect(published.data).not.toHaveProperty('day');
    }
  });
});
