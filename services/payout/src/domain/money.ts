/**
 * Money inside payout is integer fen held as `bigint`: sums over a household, a hospital or a
 * whole year never lose a fen, whatever their size. Yuan strings appear only at the edges
 * (events, HTTP): parsed digit by digit here, never through a float.
 */
export type Fen = bigint;

const YUAN = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

export class MoneyFormatError extends Error {
  readonly retriable = false;
  constructor(readonly value: unknown) {
    super(`${JSON.stringify(value)} is not a yuan amount with at most two decimals, e.g. "1200.50"`);
    this.name = 'MoneyFormatError';
  }
}

/** `"1200.5"` → 120050n. Zero or more; at most two decimals; anything else is refused. */
export function parseYuan(value: unknown): Fen {
  const fen = tryParseYuan(value);
  if (fen === null) throw new MoneyFormatError(value);
  return fen;
}

export function tryParseYuan(value: unknown): Fen | null {
  if (typeof value !== 'string') return null;
  const m = YUAN.exec(value);
  if (!m) return null;
  const cents = (m[2] ?? '').padEnd(2, '0');
  return BigInt(m[1]) * 100n + BigInt(cents);
}

/** 120050n → `"1200.50"`: always two decimals. Accepts a decimal string (a SQL bigint) too. */
export function formatYuan(fen: Fen | string): string {
  let value = typeof fen === 'string' ? parseFen(fen) : fen;
  const negative = value < 0n;
  if (negative) value = -value;
  const digits = value.toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A whole number of fen as a decimal string (how PostgreSQL returns a bigint). */
export function parseFen(text: string): Fen {
  if (!/^-?\d+$/.test(text)) throw new MoneyFormatError(text);
  return BigInt(text);
}

export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}
