import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Fen } from '@aid/money';
import type { Settlement } from '@aid/settlement';

const CHUNK_BYTES = 4 << 20;
/** The longest line apart from the claim id: six 13-digit amounts and the keys. */
const LINE_BYTES_WITHOUT_ID = 256;

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const OPEN = ascii('{"claimId":');
const AFTER_ID = ascii(',"basicMedical":"');
const BEFORE_CRITICAL = ascii('","criticalIllness":"');
const BEFORE_SUPPLEMENTARY = ascii('","supplementary":"');
const BEFORE_ASSISTANCE = ascii('","medicalAssistance":"');
const BEFORE_BACKSTOP = ascii('","backstop":"');
const BEFORE_OUT_OF_POCKET = ascii('","outOfPocket":"');
const CLOSE = ascii('"}\n');

/**
 * The command's output, held back until the whole input has been checked (a bad line
 * anywhere means nothing may be printed). Lines are written as bytes into one reused
 * buffer; when it fills up, it is spilled to a temporary file, unlinked at once so that it
 * never outlives the process. Holding a million lines in memory instead would mean touching
 * some 170 MB of fresh memory, which on these machines costs more than the file round trip.
 *
 * Each line: `{"claimId":…,"basicMedical":"8500.00",…,"outOfPocket":"1200.00"}`, keys in the
 * order docs/settlement.md gives, amounts in yuan with exactly two decimals.
 */
export class HeldOutput {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;
  private spill: { fd: number; bytes: number } | undefined;

  settlement(claimId: string, s: Settlement): void {
    // A JSON-escaped character takes at most 6 bytes (\uXXXX), a UTF-16 unit at most 3 in UTF-8.
    this.reserve(LINE_BYTES_WITHOUT_ID + claimId.length * 6);
    this.bytes(OPEN);
    this.jsonString(claimId);
    this.bytes(AFTER_ID);
    this.yuan(s.basicMedical);
    this.bytes(BEFORE_CRITICAL);
    this.yuan(s.criticalIllness);
    this.bytes(BEFORE_SUPPLEMENTARY);
    this.yuan(s.supplementary);
    this.bytes(BEFORE_ASSISTANCE);
    this.yuan(s.medicalAssistance);
    this.bytes(BEFORE_BACKSTOP);
    this.yuan(s.backstop);
    this.bytes(BEFORE_OUT_OF_POCKET);
    this.yuan(s.outOfPocket);
    this.bytes(CLOSE);
  }

  /**
   * Hands the held output to `write` in order, in chunks that are only valid during the
   * call (the buffer is reused), and lets go of the temporary file.
   */
  release(write: (chunk: Uint8Array) => void): void {
    try {
      if (this.spill) {
        const { fd, bytes } = this.spill;
        const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
        for (let position = 0; position < bytes;) {
          const read = readSync(fd, chunk, 0, chunk.length, position);
          if (read === 0) throw new Error('the temporary output file ended early');
          write(chunk.subarray(0, read));
          position += read;
        }
      }
      if (this.at > 0) write(this.buffer.subarray(0, this.at));
    } finally {
      this.discard();
    }
  }

  /** Drops the held output (after a problem: nothing may be printed). */
  discard(): void {
    if (this.spill) closeSync(this.spill.fd);
    this.spill = undefined;
    this.at = 0;
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    this.spillBuffer();
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
  }

  private spillBuffer(): void {
    this.spill ??= { fd: openUnlinkedTemporaryFile(), bytes: 0 };
    for (let written = 0; written < this.at;) {
      written += writeSync(this.spill.fd, this.buffer, written, this.at - written, this.spill.bytes + written);
    }
    this.spill.bytes += this.at;
    this.at = 0;
  }

  private bytes(bytes: Uint8Array): void {
    this.buffer.set(bytes, this.at);
    this.at += bytes.length;
  }

  private jsonString(text: string): void {
    if (isPlainAscii(text)) {
      const buffer = this.buffer;
      let at = this.at;
      buffer[at++] = 0x22;
      for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
      buffer[at++] = 0x22;
      this.at = at;
    } else {
      this.at += this.buffer.write(JSON.stringify(text), this.at, 'utf8');
    }
  }

  /** Fen as yuan with two decimals, digit by digit (never negative: settlement amounts are not). */
  private yuan(fen: Fen): void {
    const buffer = this.buffer;
    const cents = fen % 100;
    // At most MAX_AMOUNT_FEN / 100 = 10^9 whole yuan, which fits the 32-bit integers `| 0` keeps.
    let whole = ((fen - cents) / 100) | 0;
    let at = this.at + digitCount(whole);
    this.at = at + 3;
    buffer[at] = 0x2e;
    buffer[at + 1] = 0x30 + ((cents / 10) | 0);
    buffer[at + 2] = 0x30 + (cents % 10);
    do {
      buffer[--at] = 0x30 + (whole % 10);
      whole = (whole / 10) | 0;
    } while (whole > 0);
  }
}

/** How many decimal digits a non-negative 32-bit integer takes. */
function digitCount(n: number): number {
  let digits = 1;
  for (let limit = 10; n >= limit && digits < 10; limit *= 10) digits++;
  return digits;
}

/** Printable ASCII that JSON writes as it is: no quote, backslash or control character. */
function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/** A file only this process can reach: its name is gone as soon as it is open. */
function openUnlinkedTemporaryFile(): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'aid-settle-'));
  try {
    return openSync(path.join(dir, 'held-output'), 'w+', 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
