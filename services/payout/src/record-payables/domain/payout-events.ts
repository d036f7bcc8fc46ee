import type { CalendarDate, Fund, Payee, Programme, Yuan } from '@aid/contracts';
import { assertNever } from '@aid/event-store/decider';

/**
 * Payout's own events, as it stores them on the claim's stream (`payables-<claimId>`). The
 * public events on `aid.payout.v1` are mapped from these; inside payout only these types are
 * used, so a new field here is not a change of the public contract.
 */

// Programmes and payees are the public vocabulary (libs/contracts): payout names no other.
export { PAYEES, PROGRAMMES, type Payee, type Programme } from '@aid/contracts';

/** What every payable says: who is owed, by which fund, how much, for which disbursement. */
interface Payable {
  claimId: string;
  householdId: string;
  memberId: string;
  fund: Fund;
  amount: Yuan;
  /** The bill's policy year. */
  year: number;
  /** The discharge date's month, YYYY-MM: the monthly disbursement it belongs to (月拨付). */
  month: string;
  /**
   * The discharge date, YYYY-MM-DD: the day the hospital settled the bill in one stop, and so
   * the daily reconciliation it belongs to (日对账). Null on payables stored before it was kept.
   */
  day: CalendarDate | null;
  programme: Programme;
}

/** In county: a fund owes the hospital that advanced the money (先诊疗后付费). */
export interface HospitalReimbursementOwed extends Payable {
  payee: 'HOSPITAL';
  hospitalId: string;
}

/** Out of county: a fund owes the household, paid to its bank card (打卡结算). */
export interface BankCardPaymentDue extends Payable {
  payee: 'HOUSEHOLD_BANK_CARD';
}

/** Internal (never published): which settlement a claim's payables answer, and their sum. */
export interface PayablesRecorded {
  claimId: string;
  householdId: string;
  memberId: string;
  hospitalId: string;
  payee: Payee;
  year: number;
  month: string;
  /** The discharge date; null when recorded before it was kept. */
  day: CalendarDate | null;
  /** The BillSettled event recorded; a redelivery of it changes nothing. */
  settlementEventId: string;
  /** Sum of the amounts owed, yuan. */
  total: Yuan;
  /** How many payable events follow: one per layer with a non-zero amount. */
  payables: number;
}

export type PayoutEvent =
  | { type: 'PayablesRecorded'; data: PayablesRecorded }
  | { type: 'HospitalReimbursementOwed'; data: HospitalReimbursementOwed }
  | { type: 'BankCardPaymentDue'; data: BankCardPaymentDue };

export type PayoutEventType = PayoutEvent['type'];

export const PAYOUT_EVENT_TYPES = [
  'PayablesRecorded',
  'HospitalReimbursementOwed',
  'BankCardPaymentDue',
] as const satisfies readonly PayoutEventType[];

/** A payout event with what its place in the store says about it (what read models keep). */
export type StoredPayoutEvent<E extends PayoutEvent = PayoutEvent> = E extends PayoutEvent
  ? E & {
      eventId: string;
      /** Global position in payout's store (a bigint, as a string). */
      position: string;
      /** When the obligation arose (the metadata's occurredAt), ISO 8601. */
      occurredAt: string;
    }
  : never;

/**
 * Reads a stored event as the current shape of payout's events. Payables stored before
 * `programme` and `payee` were recorded have neither: they were all MEDICAL, and their type
 * says who is paid. Events stored before `day` was kept have no day: it is null, never guessed
 * (their month is known, the day is not). Stored values always win over these defaults.
 *
 * The projections' SQL reads the same defaults (payout-events.sql.ts); a property test proves
 * both agree.
 */
export function upcastPayoutEvent(stored: { type: string; data: unknown }): PayoutEvent {
  const data = stored.data as Record<string, unknown>;
  const type = stored.type as PayoutEventType;
  switch (type) {
    case 'PayablesRecorded':
      return { type, data: { day: null, ...data } as PayablesRecorded };
    case 'HospitalReimbursementOwed':
      return {
        type,
        data: { programme: 'MEDICAL', payee: 'HOSPITAL', day: null, ...data } as HospitalReimbursementOwed,
      };
    case 'BankCardPaymentDue':
      return {
        type,
        data: { programme: 'MEDICAL', payee: 'HOUSEHOLD_BANK_CARD', day: null, ...data } as BankCardPaymentDue,
      };
    default:
      return assertNever(type, 'payout event type');
  }
}

/** What the store keeps beside an event's data (the fields of a recorded event the read models use). */
export interface RecordedPayoutEvent {
  eventId: string;
  type: string;
  data: unknown;
  position: string;
  metadata: Record<string, unknown>;
  recordedAt: Date;
}

/** A recorded event, upcast, with its id, position and the time the obligation arose. */
export function storedPayoutEvent(recorded: RecordedPayoutEvent): StoredPayoutEvent {
  const occurredAt = recorded.metadata.occurredAt;
  return {
    ...upcastPayoutEvent(recorded),
    eventId: recorded.eventId,
    position: recorded.position,
    occurredAt: typeof occurredAt === 'string' ? new Date(occurredAt).toISOString() : recorded.recordedAt.toISOString(),
  } as StoredPayoutEvent;
}
