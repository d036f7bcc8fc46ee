import { keyText } from './byte-keys';
import { grown } from './grow';

/**
 * The claim ids of a run, with the line of each, checked for repeats once the whole file
 * has been read. Repeats are rare and any repeat means nothing is printed, so the check can
 * wait: appending to flat arrays while reading, then sorting by hash once (radix sort) and
 * comparing only ids whose hashes agree, touches memory in order instead of probing a
 * million-entry hash table once per bill.
 */
export class ClaimIds {
  private arena: Uint8Array;
  private arenaUsed = 0;
  /** Per id i: its bytes are arena[starts[i], starts[i + 1]). */
  private starts: Int32Array;
  private hashes: Int32Array;
  private lines: Int32Array;
  private count = 0;

  constructor(expected = 1024) {
    const capacity = Math.max(1024, expected);
    this.arena = new Uint8Array(capacity * 12);
    this.starts = new Int32Array(capacity + 1);
    this.hashes = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
  }

  add(bytes: Uint8Array, start: number, end: number, line: number): void {
    const i = this.count++;
    if (i + 1 >= this.hashes.length) this.grow();
    const length = end - start;
    if (this.arenaUsed + length > this.arena.length) this.arena = grown(this.arena, this.arenaUsed + length);
    const arena = this.arena;
    let hash = 0x811c9dc5 | 0;
    for (let from = start, to = this.arenaUsed; from < end; from++, to++) {
      const b = bytes[from];
      arena[to] = b;
      hash = Math.imul(hash ^ b, 0x01000193);
    }
    this.arenaUsed += length;
    this.starts[i + 1] = this.arenaUsed;
    this.hashes[i] = hash;
    this.lines[i] = line;
  }

  /** Every claim id seen before on an earlier line: where it repeats and where it was first, by line. */
  repeats(): { line: number; firstLine: number; claimId: string }[] {
    const order = sortedByHash(this.hashes, this.count);
    const found: { line: number; firstLine: number; claimId: string }[] = [];
    for (let run = 0; run < this.count;) {
      let end = run + 1;
      while (end < this.count && this.hashes[order[end]] === this.hashes[order[run]]) end++;
      // Ids of one hash, in line order (the sort is stable): each equal to an earlier one repeats it.
      for (let j = run + 1; j < end; j++) {
        for (let k = run; k < j; k++) {
          if (this.same(order[j], order[k])) {
            const id = order[j];
            const text = keyText(this.arena.subarray(this.starts[id], this.starts[id + 1]));
            found.push({ line: this.lines[id], firstLine: this.lines[order[k]], claimId: text });
            break;
          }
        }
      }
      run = end;
    }
    return found.sort((a, b) => a.line - b.line);
  }

  private same(a: number, b: number): boolean {
    const from = this.starts[a];
    const other = this.starts[b];
    const length = this.starts[a + 1] - from;
    if (this.starts[b + 1] - other !== length) return false;
    for (let i = 0; i < length; i++) if (this.arena[from + i] !== this.arena[other + i]) return false;
    return true;
  }

  private grow(): void {
    this.starts = grown(this.starts, this.starts.length * 2);
    this.hashes = grown(this.hashes, this.hashes.length * 2);
    this.lines = grown(this.lines, this.lines.length * 2);
  }
}

/**
 * Indexes 0 … count − 1 ordered by hash, ties in index order: a stable least-significant-
 * digit radix sort in two passes of 16 bits.
 */
function sortedByHash(hashes: Int32Array, count: number): Int32Array {
  let order = new Int32Array(count);
  let spare = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (const shift of [0, 16]) {
    const counts = new Int32Array(65537);
    for (let i = 0; i < count; i++) counts[((hashes[i] >>> shift) & 0xffff) + 1]++;
    for (let d = 0; d < 65536; d++) counts[d + 1] += counts[d];
    for (let i = 0; i < count; i++) {
      const id = order[i];
      spare[counts[(hashes[id] >>> shift) & 0xffff]++] = id;
    }
    [order, spare] = [spare, order];
  }
  return order;
}
