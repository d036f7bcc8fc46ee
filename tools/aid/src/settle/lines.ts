const CHUNK_BYTES = 8 << 20;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/** Reads up to `length` bytes into `buffer` at `offset`; returns how many, 0 at the end. */
export type ReadInto = (buffer: Buffer, offset: number, length: number) => number;

/**
 * Calls `onLine` with each line as a byte range of a shared buffer (valid only during the
 * call), numbered from 1, without its line ending (`\n` or `\r\n`). The input is read in
 * large chunks into one buffer, so memory stays flat however long the file; a final line
 * without a newline still counts, and empty input has no lines.
 */
export function forEachLine(
  read: ReadInto,
  onLine: (bytes: Buffer, start: number, end: number, line: number) => void,
  chunkBytes = CHUNK_BYTES,
): void {
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let filled = 0;
  let line = 0;
  for (;;) {
    const got = read(buffer, filled, buffer.length - filled);
    const end = filled + got;
    let start = 0;
    for (;;) {
      const newline = buffer.indexOf(NEWLINE, start);
      if (newline === -1 || newline >= end) break;
      onLine(buffer, start, withoutCarriageReturn(buffer, start, newline), ++line);
      start = newline + 1;
    }
    if (got === 0) {
      if (start < end) onLine(buffer, start, withoutCarriageReturn(buffer, start, end), ++line);
      return;
    }
    // Keep the unfinished line at the front; a line longer than the buffer grows it.
    filled = end - start;
    if (start === 0 && filled === buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, filled);
      buffer = bigger;
    } else {
      buffer.copy(buffer, 0, start, end);
    }
  }
}

function withoutCarriageReturn(bytes: Buffer, start: number, end: number): number {
  return end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
}
