import { grown } from './grow';

/**
 * Numbers for byte strings (claim ids, member ids), 0, 1, 2, … in order of first sight,
 * kept in typed arrays: a run remembers its keys without a JavaScript string and map entry
 * each for the garbage collector to trace, and looks them up straight from the bytes of the
 * input line.
 *
 * Open addressing with linear probing over FNV-1a hashes. A slot holds the hash beside where
 * the key's record starts in the arena, and the record holds the key's number and length
 * beside its bytes: a lookup reads two places in memory, which is what it costs here (cache
 * misses, not instructions, are the price of a table of a million keys).
 */
export class ByteKeys {
  /** Records, 4-byte aligned: [number: int32][length: int32][bytes, padded to 4]. */
  private arena: Uint8Array;
  private words: Int32Array;
  private arenaUsed = 0;
  /** Slot pairs: [hash, record offset + 1], with 0 for an empty slot. */
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
    this.arena = new Uint8Array(pairs * 12);
    this.words = new Int32Array(this.arena.buffer);
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
        return this.words[(stored - 1) >> 2];
      }
      slot = (slot + 1) & mask;
    }
    this.added = true;
    const record = this.store(bytes, start, end);
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = record + 1;
    if (this.count * 2 > mask) this.growSlots();
    return this.count - 1;
  }

  private equals(record: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (this.words[(record >> 2) + 1] !== end - start) return false;
    const arena = this.arena;
    for (let i = start, j = record + 8; i < end; i++, j++) if (arena[j] !== bytes[i]) return false;
    return true;
  }

  /** Appends the key's record; returns where it starts. */
  private store(bytes: Uint8Array, start: number, end: number): number {
    const record = this.arenaUsed;
    const length = end - start;
    const size = 8 + ((length + 3) & ~3);
    if (record + size > this.arena.length) {
      this.arena = grown(this.arena, record + size);
      this.words = new Int32Array(this.arena.buffer);
    }
    this.words[record >> 2] = this.count++;
    this.words[(record >> 2) + 1] = length;
    const arena = this.arena;
    for (let i = start, j = record + 8; i < end; i++, j++) arena[j] = bytes[i];
    this.arenaUsed = record + size;
    return record;
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
const decoder = new TextDecoder();
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

/** The string whose keyBytes these are. */
export function keyText(bytes: Uint8Array): string {
  if (bytes[0] !== 0xff) return decoder.decode(bytes);
  let text = '';
  for (let i = 1; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
  return text;
}
