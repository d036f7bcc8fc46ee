import { publicEvent, TOPIC_NAMES, type Payee, type Programme, type PublicEvent } from '@aid/contracts';
import { assertNever } from '@aid/event-store/decider';
import { publicMapping } from '@aid/relay';
import type { PayablesEvent } from '../record-payables/domain/payables';

const topic = TOPIC_NAMES.payout;

/**
 * The fields this mapping reads beyond the v1 ones. Events stored before payables named
 * their programme and payee were medical aid, paid to whom their type says; reading both
 * as optional keeps those events publishable at v2.
 */
type Stored<E> = E & { data: { programme?: Programme; payee?: Payee } };
export type PayoutStoredEvent = Stored<PayablesEvent>;

/**
 * What of payout's store reaches `aid.payout.v1`: the payables, each public field copied by
 * name, at the newest version. `PayablesRecorded` is payout's own bookkeeping.
 */
export function payoutPublicEvent(event: PayoutStoredEvent): PublicEvent<typeof topic> | null {
  switch (event.type) {
    case 'HospitalReimbursementOwed': {
      const d = event.data;
      return publicEvent(topic, 'HospitalReimbursementOwed', {
        claimId: d.claimId,
        householdId: d.householdId,
        memberId: d.memberId,
        hospitalId: d.hospitalId,
        programme: d.programme ?? 'MEDICAL',
        // The contract's check refuses any other payee on this type, so a wrong one is caught by the contract test.
        payee: (d.payee ?? 'HOSPITAL') as 'HOSPITAL',
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
        programme: d.programme ?? 'MEDICAL',
        payee: (d.payee ?? 'HOUSEHOLD_BANK_CARD') as 'HOUSEHOLD_BANK_CARD',
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

export const payoutToPublic = publicMapping<PayoutStoredEvent>(payoutPublicEvent);
