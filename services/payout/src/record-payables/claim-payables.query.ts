import type { Fund } from '@aid/contracts';
import type { EventStore } from '@aid/event-store';
import { assertNever } from '@aid/event-store/decider';
import { payablesStreamId } from './domain/payables';
import { upcastPayoutEvent, type Payee, type PayablesRecorded } from './domain/payout-events';

export interface ClaimPayablesView {
  claimId: string;
  householdId: string;
  memberId: string;
  /** The hospital that treated the member (in county, also the one owed). */
  hospitalId: string;
  payee: Payee;
  year: number;
  month: string;
  /** The BillSettled event these payables come from. */
  settlementEventId: string;
  /** Sum of the payables, yuan. */
  total: string;
  payables: { eventId: string; type: 'HospitalReimbursementOwed' | 'BankCardPaymentDue'; fund: Fund; amount: string }[];
}

/**
 * What one claim's settlement left owing, read from the claim's own stream (always current:
 * no projection in between). Null when payout has recorded nothing for the claim.
 */
export async function claimPayables(
  store: Pick<EventStore, 'readStream'>,
  claimId: string,
): Promise<ClaimPayablesView | null> {
  const events = await store.readStream(payablesStreamId(claimId));
  let recorded: PayablesRecorded | null = null;
  const payables: ClaimPayablesView['payables'] = [];
  for (const e of events) {
    const event = upcastPayoutEvent(e);
    switch (event.type) {
      case 'PayablesRecorded':
        recorded = event.data;
        break;
      case 'HospitalReimbursementOwed':
      case 'BankCardPaymentDue':
        payables.push({ eventId: e.eventId, type: event.type, fund: event.data.fund, amount: event.data.amount });
        break;
      default:
        return assertNever(event, 'payout event');
    }
  }
  if (!recorded) return null;
  return {
    claimId: recorded.claimId,
    householdId: recorded.householdId,
    memberId: recorded.memberId,
    hospitalId: recorded.hospitalId,
    payee: recorded.payee,
    year: recorded.year,
    month: recorded.month,
    settlementEventId: recorded.settlementEventId,
    total: recorded.total,
    payables,
  };
}
