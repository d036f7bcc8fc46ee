import { publicEvent, TOPIC_NAMES, type PublicEvent } from '@aid/contracts';
import { assertNever } from '@aid/event-store/decider';
import { publicMapping } from '@aid/relay';
import { PAYMENT_RUN_EVENT_TYPES } from '../payment-run/domain/payment-run';
import { RECONCILIATION_EVENT_TYPES } from '../reconciliation/domain/reconciliation';
import { upcastPayoutEvent, type PayoutEvent } from '../record-payables/domain/payout-events';

const topic = TOPIC_NAMES.payout;

/**
 * What of payout's store reaches `aid.payout.v1`: the payables, each public field copied by
 * name, at the newest version. `PayablesRecorded` is payout's own bookkeeping.
 */
export function payoutPublicEvent(event: PayoutEvent): PublicEvent<typeof topic> | null {
  switch (event.type) {
    case 'HospitalReimbursementOwed': {
      const d = event.data;
      return publicEvent(topic, 'HospitalReimbursementOwed', {
        claimId: d.claimId,
        householdId: d.householdId,
        memberId: d.memberId,
        hospitalId: d.hospitalId,
        programme: d.programme,
        payee: d.payee,
        fund: d.fund,
        amount: d.amount,
        year: d.year,
        month: d.month,
      });
    }
    case 'BankCardPaymentDue': {
      const d = event.data;
      return publicEvent(topic, 'BankCardPaymentDue', {
        claimId: d.claimId,
        householdId: d.householdId,
        memberId: d.memberId,
        programme: d.programme,
        payee: d.payee,
        fund: d.fund,
        amount: d.amount,
        year: d.year,
        month: d.month,
      });
    }
    case 'PayablesRecorded':
      return null;
    default:
      return assertNever(event, 'payables event');
  }
}

const INTERNAL_ONLY = new Set<string>([...RECONCILIATION_EVENT_TYPES, ...PAYMENT_RUN_EVENT_TYPES]);

/**
 * Stored events are read through payout's upcaster first: old payables gain programme and payee.
 * The daily reconciliation's and the monthly runs' events (their own streams in the same store)
 * stay home.
 */
export const payoutToPublic = publicMapping<{ type: string; data: unknown }>((stored) =>
  INTERNAL_ONLY.has(stored.type) ? null : payoutPublicEvent(upcastPayoutEvent(stored)),
);
