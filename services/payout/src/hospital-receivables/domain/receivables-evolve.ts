import type { Fund } from '@aid/contracts';
import { assertNever } from '@aid/event-store/decider';
import { sumFen, yuanToFen, type Fen } from '@aid/money';
import type { PayoutEvent, PayoutEventType, StoredPayoutEvent } from '../../record-payables/domain/payout-events';

/**
 * What each fund owes each hospital, by year and disbursement month (日对账、月拨付), as plain
 * data: the rows of hospital_receivables and how each payout event changes them. The SQL of
 * hospital-receivables.projection.ts makes the same rows in bulk; a property test on
 * PostgreSQL holds the two together.
 */

/** The events the receivables handle: a bank card payment owes no hospital and is not among them. */
export const RECEIVABLES_EVENT_TYPES = ['HospitalReimbursementOwed'] as const satisfies readonly PayoutEventType[];

export type ReceivablesEvent = StoredPayoutEvent<
  Extract<PayoutEvent, { type: (typeof RECEIVABLES_EVENT_TYPES)[number] }>
>;

export interface Receivable {
  hospitalId: string;
  year: number;
  /** The disbursement month, YYYY-MM. */
  month: string;
  fund: Fund;
  owedFen: Fen;
  /** How many reimbursements make up the amount. */
  lines: number;
}

/** By receivableKey. */
export type ReceivablesRows = ReadonlyMap<string, Receivable>;

export const noReceivables = (): ReceivablesRows => new Map();

/** The primary key (hospital_id, year, month, fund), as one string. */
export const receivableKey = (r: Pick<Receivable, 'hospitalId' | 'year' | 'month' | 'fund'>): string =>
  JSON.stringify([r.hospitalId, r.year, r.month, r.fund]);

export function isReceivablesEvent(event: StoredPayoutEvent): event is ReceivablesEvent {
  return (RECEIVABLES_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The receivables after one more payout event. Pure: `rows` is left as it was. */
export function evolve(rows: ReceivablesRows, event: ReceivablesEvent): ReceivablesRows {
  switch (event.type) {
    case 'HospitalReimbursementOwed': {
      const d = event.data;
      const key = receivableKey(d);
      const owed = rows.get(key);
      return new Map(rows).set(key, {
        hospitalId: d.hospitalId,
        year: d.year,
        month: d.month,
        fund: d.fund,
        owedFen: sumFen([owed?.owedFen ?? 0, yuanToFen(d.amount, `${event.type}.amount`)]),
        lines: (owed?.lines ?? 0) + 1,
      });
    }
    default:
      return assertNever(event.type, 'receivables event');
  }
}
