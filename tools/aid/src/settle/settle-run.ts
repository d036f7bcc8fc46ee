import { parseBill, settle, yearOf, type Bill, type Policy } from '@aid/settlement';
import { keyBytes } from './byte-keys';
import { ClaimIds } from './claim-ids';
import { FastBillDecoder } from './fast-bill';
import { Ledger } from './ledger';
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
  readonly output = new HeldOutput();
  private readonly problems: Problem[] = [];
  private readonly fast = new FastBillDecoder();
  private readonly claims: ClaimIds;
  private readonly ledger: Ledger;

  /**
   * @param policies by year; `undefined` when a policy file was bad, so that the years the
   *   bills need cannot be told (those bills are then only checked field by field)
   */
  constructor(
    private readonly file: string,
    private readonly policies: ReadonlyMap<number, Policy> | undefined,
    expectedBills = 0,
  ) {
    this.claims = new ClaimIds(expectedBills);
    // A guess: members have a few bills a year each.
    this.ledger = new Ledger(Math.ceil(expectedBills / 4));
  }

  /** Handles one line of the file, given as bytes without its line ending. */
  lineBytes(bytes: Buffer, start: number, end: number, line: number): void {
    const bill = this.fast.decode(bytes, start, end);
    if (bill) this.bill(bill, line, this.fast);
    else this.line(bytes.toString('utf8', start, end), line);
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
      if (typeof claimId === 'string' && claimId !== '') this.addClaimId(idBytes(claimId, ''), line);
      for (const e of parsed.errors) this.problem(line, e.field, e.message);
      return;
    }
    const { bill } = parsed;
    this.bill(bill, line, idBytes(bill.claimId, bill.memberId));
  }

  /** A bill whose fields are valid: the checks that need the run, then settlement. */
  private bill(bill: Bill, line: number, ids: IdBytes): void {
    this.addClaimId(ids, line);
    const year = yearOf(bill.serviceDate);
    const policy = this.policies?.get(year);
    if (this.policies && !policy) {
      const years = [...this.policies.keys()].sort().join(', ');
      this.problem(line, 'serviceDate', `no policy covers ${year} (policies given for ${years})`);
    }
    if (!policy || this.problems.length > 0) return;

    this.ledger.open(year, ids.bytes, ids.memberIdStart, ids.memberIdEnd);
    try {
      const settlement = settle(bill, this.ledger.read(), policy);
      this.ledger.write(settlement.accumulators);
      this.output.settlement(bill.claimId, settlement);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      this.problem(line, 'memberId', `cannot settle: ${err.message}`);
    }
  }

  private addClaimId(ids: IdBytes, line: number): void {
    this.claims.add(ids.bytes, ids.claimIdStart, ids.claimIdEnd, line);
  }

  /**
   * Every problem of the file, in line order, once all its lines have been handled. A
   * repeated claim id is found here, at the end: until then a repeat is settled like any
   * bill, which does no harm, since a problem means none of the output is printed.
   */
  finish(): Problem[] {
    for (const { line, firstLine, claimId } of this.claims.repeats()) {
      this.problem(line, 'claimId', `${JSON.stringify(claimId)} repeats the claim of line ${firstLine}`);
    }
    return this.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }

  problem(line: number, field: string, message: string): void {
    this.problems.push({ file: this.file, line, field, message });
  }
}

/** Where a bill's claim and member ids lie, as UTF-8 bytes (the fast decoder is one). */
interface IdBytes {
  readonly bytes: Uint8Array;
  readonly claimIdStart: number;
  readonly claimIdEnd: number;
  readonly memberIdStart: number;
  readonly memberIdEnd: number;
}

function idBytes(claimId: string, memberId: string): IdBytes {
  const claim = keyBytes(claimId);
  const member = keyBytes(memberId);
  const bytes = new Uint8Array(claim.length + member.length);
  bytes.set(claim);
  bytes.set(member, claim.length);
  return { bytes, claimIdStart: 0, claimIdEnd: claim.length, memberIdStart: claim.length, memberIdEnd: bytes.length };
}
