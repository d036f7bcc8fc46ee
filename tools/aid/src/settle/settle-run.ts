import { parseBill, settle, yearOf, type Bill, type Policy } from '@aid/settlement';
import { ByteKeys, keyBytes } from './byte-keys';
import { FastBillDecoder } from './fast-bill';
import { Ledger, readAccumulators, writeAccumulators } from './ledger';
import { HeldOutput } from './output';
import type { Problem } from './problems';

/**
 * One pass over a file of bills: each line is checked and, as long as no problem has been
 * found, settled at once into held output, carrying the member's accumulators for its year.
 * After the first problem the rest is only checked, so that every problem is reported.
 *
 * Lines take the fast path (FastBillDecoder) when they can and the ordinary one (JSON.parse,
 * parseBill) otherwise; both give the same bills. Claim and member ids are remembered by
 * their UTF-8 bytes (ByteKeys), which both paths can produce.
 */
export class SettleRun {
  readonly problems: Problem[] = [];
  readonly output = new HeldOutput();
  private readonly fast = new FastBillDecoder();
  private readonly claims: ClaimLines;
  private readonly ledger = new Ledger();

  /**
   * @param policies by year; `undefined` when a policy file was bad, so that the years the
   *   bills need cannot be told (those bills are then only checked field by field)
   */
  constructor(
    private readonly file: string,
    private readonly policies: ReadonlyMap<number, Policy> | undefined,
    expectedBills = 0,
  ) {
    this.claims = new ClaimLines(expectedBills);
  }

  /** Handles one line of the file, given as bytes without its line ending. */
  lineBytes(bytes: Buffer, start: number, end: number, line: number): void {
    const fast = this.fast;
    const bill = fast.decode(bytes, start, end);
    if (bill) {
      this.bill(bill, line, bytes, fast.claimIdStart, fast.claimIdEnd, bytes, fast.memberIdStart, fast.memberIdEnd);
    } else {
      this.line(bytes.toString('utf8', start, end), line);
    }
  }

  /** Handles one line of the file the ordinary way; `text` is the line without its ending. */
  line(text: string, line: number): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      const reason =
        text.trim() === '' ? 'empty line; expected one JSON object per line' : `not JSON: ${(err as Error).message}`;
      this.problem(line, '(line)', reason);
      return;
    }
    const parsed = parseBill(raw);
    if (!parsed.ok) {
      // A bad bill's claimId still takes part in the check for repeats.
      const claimId = (raw as { claimId?: unknown } | null)?.claimId;
      if (typeof claimId === 'string' && claimId !== '') {
        const key = keyBytes(claimId);
        this.checkClaimId(key, 0, key.length, claimId, line);
      }
      for (const e of parsed.errors) this.problem(line, e.field, e.message);
      return;
    }
    const { bill } = parsed;
    const claimId = keyBytes(bill.claimId);
    const memberId = keyBytes(bill.memberId);
    this.bill(bill, line, claimId, 0, claimId.length, memberId, 0, memberId.length);
  }

  /** A bill whose fields are valid: the checks that need the run, then settlement. */
  private bill(
    bill: Bill,
    line: number,
    claimId: Uint8Array,
    claimIdStart: number,
    claimIdEnd: number,
    memberId: Uint8Array,
    memberIdStart: number,
    memberIdEnd: number,
  ): void {
    const fresh = this.checkClaimId(claimId, claimIdStart, claimIdEnd, bill.claimId, line);
    const year = yearOf(bill.serviceDate);
    const policy = this.policies?.get(year);
    if (this.policies && !policy) {
      const years = [...this.policies.keys()].sort().join(', ');
      this.problem(line, 'serviceDate', `no policy covers ${year} (policies given for ${years})`);
    }
    if (!fresh || !policy || this.problems.length > 0) return;

    const { values, at } = this.ledger.slotOf(year, memberId, memberIdStart, memberIdEnd);
    try {
      const settlement = settle(bill, readAccumulators(values, at), policy);
      writeAccumulators(values, at, settlement.accumulators);
      this.output.settlement(bill.claimId, settlement);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      this.problem(line, 'memberId', `cannot settle: ${err.message}`);
    }
  }

  private checkClaimId(bytes: Uint8Array, start: number, end: number, claimId: string, line: number): boolean {
    const first = this.claims.firstLine(bytes, start, end, line);
    if (first === line) return true;
    this.problem(line, 'claimId', `${JSON.stringify(claimId)} repeats the claim of line ${first}`);
    return false;
  }

  problem(line: number, field: string, message: string): void {
    this.problems.push({ file: this.file, line, field, message });
  }
}

/** The line each claim id was first seen on. */
class ClaimLines {
  private readonly ids: ByteKeys;
  private lines: Int32Array;

  constructor(expected: number) {
    this.ids = new ByteKeys(expected);
    this.lines = new Int32Array(Math.max(1024, expected));
  }

  /** The first line with this claim id; `line` itself when it is the first. */
  firstLine(bytes: Uint8Array, start: number, end: number, line: number): number {
    const id = this.ids.numberOf(bytes, start, end);
    if (!this.ids.added) return this.lines[id];
    if (id >= this.lines.length) {
      const bigger = new Int32Array(this.lines.length * 2);
      bigger.set(this.lines);
      this.lines = bigger;
    }
    this.lines[id] = line;
    return line;
  }
}
