/**
 * Numbers for byte strings (claim ids, member ids), 0, 1, 2, … in order of first sight,
 * kept in typed arrays and one byte arena: a run remembers a million claim ids without a
 * million JavaScript strings and map entries for the garbage collector to trace, and looks
 * them up straight from the bytes of the input line.
 *
 * Open addressing with linear probing over FNV-1a hashes. Each slot holds the hash beside
 * the key number, so that a probe past another key, and the insertion of a new key, read
 * one place in memory; the key's bytes are compared only when the hashes agree.
 */
export class ByteKeys {
  private arena: Uint8Array;
  private arenaUsed = 0;
  /** Per key number n: where its bytes start in the arena; starts[n + 1] is where they end. */
  private starts: Int32Array;
  /** Slot pairs: [hash, key number + 1], with 0 for an empty slot. */
  private slots: Int32Array;
  private count = 0;
  /** Whether the last `numberOf` added its key. */
  added = false;

  /**
   * @param expectedKeys a guess of how many keys will come; sizing the table for them up
   *   front saves growing it (each growth touches fresh memory, which is slow to come by)
   */
  constructor(expectedKeys = 1024) {
    let pairs = 1 << 10;
    while (pairs < expectedKeys * 2) pairs *= 2;
    this.slots = new Int32Array(2 * pairs);
    this.starts = new Int32Array(pairs / 2 + 1);
    this.arena = new Uint8Array(pairs * 8);
  }

  get size(): number {
    return this.count;
  }

  /** The number of the key in bytes[start, end), adding it if new (see `added`). */
  numberOf(bytes: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    for (let stored = slots[2 * slot + 1]; stored !== 0; stored = slots[2 * slot + 1]) {
      if (slots[2 * slot] === hash && this.equals(stored - 1, bytes, start, end)) {
        this.added = false;
        return stored - 1;
      }
      slot = (slot + 1) & mask;
    }
    this.added = true;
    const key = this.store(bytes, start, end);
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = key + 1;
    if (this.count * 2 > mask) this.growSlots();
    return key;
  }

  private equals(key: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[key];
    if (this.starts[key + 1] - from !== end - start) return false;
    const arena = this.arena;
    for (let i = start, j = from; i < end; i++, j++) if (arena[j] !== bytes[i]) return false;
    return true;
  }

  private store(bytes: Uint8Array, start: number, end: number): number {
    const key = this.count++;
    const at = this.arenaUsed;
    if (at + end - start > this.arena.length) this.arena = grown(this.arena, at + end - start);
    const arena = this.arena;
    for (let i = start, j = at; i < end; i++, j++) arena[j] = bytes[i];
    this.arenaUsed = at + end - start;
    if (key + 2 > this.starts.length) this.starts = grown(this.starts, key + 2);
    this.starts[key + 1] = this.arenaUsed;
    return key;
  }

  /** Keeps the table at most half full, so probes stay short. */
  private growSlots(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      let slot = old[i] & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[i];
      slots[2 * slot + 1] = old[i + 1];
    }
    this.slots = slots;
  }
}

const encoder = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The bytes a string key is known by: its UTF-8, which is what the fast path sees in the
 * input. A string with a lone surrogate has no UTF-8 of its own (the encoder would turn
 * different such strings into the same bytes), so it is known by a 0xFF byte, which UTF-8
 * never contains, followed by its UTF-16 code units.
 */
export function keyBytes(text: string): Uint8Array {
  if (!LONE_SURROGATE.test(text)) return encoder.encode(text);
  const bytes = new Uint8Array(1 + text.length * 2);
  bytes[0] = 0xff;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[1 + 2 * i] = unit >> 8;
    bytes[2 + 2 * i] = unit & 0xff;
  }
  return bytes;
}

function grown<T extends Uint8Array | Int32Array>(array: T, atLeast: number): T {
  let length = array.length * 2;
  while (length < atLeast) length *= 2;
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}
