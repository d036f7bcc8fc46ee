import {
  Checker,
  FUND_OF_LAYER,
  isCalendarDate,
  type CalendarDate,
  type FieldProblem,
  type Fund,
} from '@aid/contracts';
import type { Fen } from '@aid/money';

/**
 * The list of bills a hospital settled in one stop on one day, as it uploads it (日对账), and
 * the one reading of that file. The format is documented in docs/payments.md.
 */

/** The header line, exactly: these columns, in this order. */
export const DAILY_LIST_COLUMNS = ['claim_id', 'member_id', 'discharge_date', 'fund', 'amount'] as const;
/** The most lines (claims × funds) one day's list may have, header not counted. */
export const DAILY_LIST_MAX_LINES = 5_000;

export const FUNDS = Object.values(FUND_OF_LAYER) as Fund[];

/** One claim and fund: what that fund owes the hospital for the claim. Ours and theirs alike. */
export interface ListLine {
  claimId: string;
  memberId: string;
  fund: Fund;
  amount: Fen;
}

export type ParsedList = { ok: true; lines: ListLine[] } | { ok: false; problems: FieldProblem[] };

const BOM = '\ufeff';

/**
 * Reads the file whole: either every line, or every problem with its line number and column
 * (`line 3.amount`), never part of it. `day` is the day the list is for: every line's
 * discharge date must be that day.
 */
export function parseDailyList(bytes: Uint8Array, day: CalendarDate): ParsedList {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ field: 'file', message: 'must be text in UTF-8' }] };
  }
  if (text.startsWith(BOM)) text = text.slice(BOM.length);
  const rows = text.split(/\r?\n/);
  // One line break at the end of the file is what most tools write; it makes no line.
  if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();

  const problems: FieldProblem[] = [];
  if (rows[0] !== DAILY_LIST_COLUMNS.join(',')) {
    problems.push({ field: 'line 1', message: `must be the header line ${DAILY_LIST_COLUMNS.join(',')}` });
  }
  if (rows.length - 1 > DAILY_LIST_MAX_LINES) {
    problems.push({
      field: 'file',
      message: `has ${rows.length - 1} lines; at most ${DAILY_LIST_MAX_LINES} are read (send one file per day)`,
    });
    return { ok: false, problems };
  }

  const lines: ListLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) {
    const lineNo = i + 1;
    const values = rows[i].split(',');
    if (values.length !== DAILY_LIST_COLUMNS.length) {
      problems.push({
        field: `line ${lineNo}`,
        message:
          rows[i] === ''
            ? 'is empty'
            : `has ${values.length} values; must have ${DAILY_LIST_COLUMNS.length} (${DAILY_LIST_COLUMNS.join(',')})`,
      });
      continue;
    }
    const row = Object.fromEntries(DAILY_LIST_COLUMNS.map((c, n) => [c, values[n]]));
    const c = new Checker(`line ${lineNo}`);
    const claimId = c.id(row, 'claim_id');
    const memberId = c.id(row, 'member_id');
    const date = row.discharge_date;
    if (!isCalendarDate(date)) c.fail('discharge_date', 'must be a calendar date YYYY-MM-DD');
    else if (date !== day) c.fail('discharge_date', `must be ${day}, the day this list is for`);
    const fund = c.oneOf(row, 'fund', FUNDS);
    const amount = c.yuan(row, 'amount');
    if (c.problems.length === 0 && amount === 0)
      c.fail('amount', 'must not be zero (leave out funds that owe nothing)');
    const key = `${claimId}\u0000${fund}`;
    const earlier = firstLineOf.get(key);
    if (c.problems.length === 0 && earlier !== undefined)
      c.fail('claim_id', `claim and fund are already on line ${earlier} (one line per claim and fund)`);
    problems.push(...c.problems);
    if (c.problems.length === 0) {
      firstLineOf.set(key, lineNo);
      lines.push({ claimId, memberId, fund, amount });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines };
}
