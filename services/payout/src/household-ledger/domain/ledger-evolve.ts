import type { Fund } from '@aid/contracts';
import { assertNever } from '@aid/event-store/decider';
import { sumFen, yuanToFen, type Fen } from '@aid/money';
import type {
  Payee,
  PayoutEvent,
  PayoutEventType,
  Programme,
  StoredPayoutEvent,
} from '../../record-payables/domain/payout-events';

/**
 * The household aid ledger, as plain data: what its tables hold (household_ledger_lines,
 * household_ledger_totals), and how each payout event changes them. The SQL of
 * household-ledger.projection.ts makes the same rows in bulk; a property test on PostgreSQL
 * holds the two together.
 */

/** The events the ledger handles: every payment to a household, whoever receives it. */
export const LEDGER_EVENT_TYPES = [
  'HospitalReimbursementOwed',
  'BankCardPaymentDue',
] as const satisfies readonly PayoutEventType[];

export type LedgerEvent = StoredPayoutEvent<Extract<PayoutEvent, { type: (typeof LEDGER_EVENT_TYPES)[number] }>>;

/** One line per payout event: every yuan a household was given, by programme, fund and payee. */
export interface LedgerLine {
  eventId: string;
  /** Global position of the event in payout's store. */
  eventPosition: string;
  eventType: LedgerEvent['type'];
  householdId: string;
  year: number;
  month: string;
  program: Programme;
  fund: Fund;
  payeeKind: Payee;
  /** The hospital paid, when the payee is a hospital. */
  hospitalId: string | null;
  claimId: string;
  memberId: string;
  amountFen: Fen;
  /** ISO 8601. */
  occurredAt: string;
}

/** Per household, year, programme and fund: the sum of its lines and how many there are. */
export interface LedgerTotal {
  householdId: string;
  year: number;
  program: Programme;
  fund: Fund;
  amountFen: Fen;
  lines: number;
}

export interface LedgerRows {
  /** By event id. */
  lines: ReadonlyMap<string, LedgerLine>;
  /** By totalKey. */
  totals: ReadonlyMap<string, LedgerTotal>;
}

export const emptyLedger = (): LedgerRows => ({ lines: new Map(), totals: new Map() });

/** The totals' primary key (household_id, year, program, fund), as one string. */
export const totalKey = (t: Pick<LedgerTotal, 'householdId' | 'year' | 'program' | 'fund'>): string =>
  JSON.stringify([t.householdId, t.year, t.program, t.fund]);

export function isLedgerEvent(event: StoredPayoutEvent): event is LedgerEvent {
  return (LEDGER_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The ledger after one more payout event. Pure: `rows` is left as it was. */
export function evolve(rows: LedgerRows, event: LedgerEvent): LedgerRows {
  switch (event.type) {
    case 'HospitalReimbursementOwed':
      return addLine(rows, lineOf(event, event.data.hospitalId));
    case 'BankCardPaymentDue':
      return addLine(rows, lineOf(event, null));
    default:
      return assertNever(event, 'ledger event');
  }
}

function lineOf(event: LedgerEvent, hospitalId: string | null): LedgerLine {
  const d = event.data;
  return {
    eventId: event.eventId,
    eventPosition: event.position,
    eventType: event.type,
    householdId: d.householdId,
    year: d.year,
    month: d.month,
    program: d.programme,
    fund: d.fund,
    payeeKind: d.payee,
    hospitalId,
    claimId: d.claimId,
    memberId: d.memberId,
    amountFen: yuanToFen(d.amount, `${event.type}.amount`),
    occurredAt: event.occurredAt,
  };
}

function addLine(rows: LedgerRows, line: LedgerLine): LedgerRows {
  const key = totalKey(line);
  const total = rows.totals.get(key);
  const next: LedgerTotal = {
    householdId: line.householdId,
    year: line.year,
    program: line.program,
    fund: line.fund,
    amountFen: sumFen([total?.amountFen ?? 0, line.amountFen]),
    lines: (total?.lines ?? 0) + 1,
  };
  return {
    lines: new Map(rows.lines).set(line.eventId, line),
    totals: new Map(rows.totals).set(key, next),
  };
}
