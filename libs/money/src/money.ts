/**
 * The one money codec of the project: every yuan string that enters or leaves the system
 * (HTTP, topics, files, the CLI, SQL) is read and written here, and nowhere else.
 *
 * Money is integer fen, rates are integers per 10,000. Nothing here touches floating point:
 * amounts and rates are parsed digit by digit and every product is formed and rounded in
 * integers.
 *
 * Why plain numbers are exact: amounts are bounded by MAX_AMOUNT_FEN (10^11 fen, a billion
 * yuan) and rates by RATE_SCALE (10^4), so any amount × rate is at most 10^15, and any sum of
 * tier lengths × rates is at most (sum of the lengths ≤ one amount) × 10^4 = 10^15, both below
 * Number.MAX_SAFE_INTEGER (≈ 9.007 × 10^15). Every intermediate value is therefore an integer
 * that a double holds exactly, and `%` and division by an exact multiple stay exact.
 */

import { describe } from './describe';

/** Integer number of fen (1 yuan = 100 fen). */
export type Fen = number;

/** A rate in [0, 1] held as an integer number of ten-thousandths (0.6 → 6000). */
export type Rate = number;

export const FEN_PER_YUAN = 100;
export const RATE_SCALE = 10_000;

/** The largest amount accepted anywhere: 1,000,000,000.00 yuan. */
export const MAX_AMOUNT_FEN: Fen = 100_000_000_000;

/**
 * The grammar of a yuan amount, as a regular expression that JavaScript, JSON Schema and
 * PostgreSQL read alike: a whole number of yuan without leading zeros, optionally one or two
 * decimals, at most MAX_AMOUNT_FEN. Schemas and SQL are generated from this one string.
 */
export const YUAN_PATTERN = '^((0|[1-9][0-9]{0,8})([.][0-9]{1,2})?|1000000000([.]0{1,2})?)$';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

const DIGIT_0 = 48;

/** Parses `digits[.fraction]` with at most `maxDecimals` fraction digits into an integer scaled by 10^maxDecimals. */
function parseScaled(text: string, maxDecimals: number): number | 'format' | 'decimals' | 'too-large' {
  const length = text.length;
  let i = 0;
  let whole = 0;
  let digits = 0;
  for (; i < length; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) break;
    // Bail out before `whole` stops being exact; callers bound the value far below this.
    if (++digits > 15) return 'too-large';
    whole = whole * 10 + d;
  }
  if (digits === 0) return 'format';
  let fraction = 0;
  let decimals = 0;
  if (i < length) {
    if (text.charCodeAt(i) !== 46 /* . */) return 'format';
    i++;
    for (; i < length; i++) {
      const d = text.charCodeAt(i) - DIGIT_0;
      if (d < 0 || d > 9) return 'format';
      decimals++;
      fraction = fraction * 10 + d;
    }
    if (decimals === 0) return 'format';
    if (decimals > maxDecimals) return 'decimals';
  }
  for (; decimals < maxDecimals; decimals++) fraction *= 10;
  return whole * 10 ** maxDecimals + fraction;
}

/**
 * Yuan as a decimal string with at most two decimals (`"12000.00"`, `"0.5"`, `"3"`) to fen.
 * Anything else, negative amounts and amounts above MAX_AMOUNT_FEN are refused with a reason.
 */
export function parseYuan(value: unknown): Parsed<Fen> {
  // Reasons never quote the value: an edge's error must not echo its input back (a 100 kB
  // string, or an ID number pasted into an amount field).
  if (typeof value !== 'string')
    return fail(`must be a yuan amount as a string such as "12000.00", not ${describe(value)}`);
  if (value.startsWith('-')) return fail(`is below zero`);
  // A leading zero is refused so that one amount has one spelling ("7.10", never "007.10").
  if (value.length > 1 && value.charCodeAt(0) === DIGIT_0 && value.charCodeAt(1) !== 46 /* . */)
    return fail(`is not a yuan amount such as "12000.00" (no leading zeros)`);
  const fen = parseScaled(value, 2);
  switch (fen) {
    case 'format':
      return fail(`is not a yuan amount such as "12000.00"`);
    case 'decimals':
      return fail(`has more than two decimals`);
    case 'too-large':
      return fail(`is above the largest supported amount ${formatYuan(MAX_AMOUNT_FEN)}`);
    default:
      return fen > MAX_AMOUNT_FEN
        ? fail(`is above the largest supported amount ${formatYuan(MAX_AMOUNT_FEN)}`)
        : ok(fen);
  }
}

/** A rate as a decimal string in [0, 1] with at most four decimals (`"0.75"`) to ten-thousandths. */
export function parseRate(value: unknown): Parsed<Rate> {
  if (typeof value !== 'string') return fail(`must be a rate as a string such as "0.75", not ${describe(value)}`);
  if (value.startsWith('-')) return fail(`is outside [0, 1]`);
  const rate = parseScaled(value, 4);
  switch (rate) {
    case 'format':
      return fail(`is not a rate such as "0.75"`);
    case 'decimals':
      return fail(`has more than four decimals`);
    case 'too-large':
      return fail(`is outside [0, 1]`);
    default:
      return rate > RATE_SCALE ? fail(`is outside [0, 1]`) : ok(rate);
  }
}

/** Fen as yuan with exactly two decimals: 123456 → "1234.56"; negative sums keep their sign. */
export function formatYuan(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`${String(fen)} is not a whole number of fen`);
  if (fen < 0) return '-' + formatYuan(-fen);
  const cents = fen % 100;
  return `${(fen - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/** A bad amount at an edge, naming the field it came in. */
export class MoneyError extends Error {
  readonly retriable = false;
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'MoneyError';
  }
}

/** parseYuan for code that has no way to report a problem but to throw: the field is named. */
export function yuanToFen(value: unknown, field: string): Fen {
  const parsed = parseYuan(value);
  if (!parsed.ok) throw new MoneyError(field, parsed.reason);
  return parsed.value;
}

/**
 * A whole number of fen as PostgreSQL returns a bigint or numeric sum ("-1200", "35000").
 * Sums may exceed MAX_AMOUNT_FEN; they must stay below 2^53 to be exact, else this throws.
 */
export function fenFromSql(text: unknown, field = 'amount'): Fen {
  if (typeof text === 'number' && Number.isSafeInteger(text)) return text;
  if (typeof text !== 'string' || !/^-?[0-9]+$/.test(text)) {
    throw new MoneyError(field, `${JSON.stringify(text)} is not a whole number of fen`);
  }
  const fen = Number(text);
  if (!Number.isSafeInteger(fen)) throw new MoneyError(field, `${text} fen is beyond what can be added exactly`);
  return fen;
}

/** Adds amounts, refusing a total that would stop being exact. */
export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw new RangeError('a sum of fen left the exact range');
  return total;
}

/**
 * SQL that reads a yuan string (a JSON field, a column) as integer fen, exactly: the same
 * grammar as parseYuan, and numeric, never float. Anything else stops the statement with
 * the bad value in its message, so a projection never stores a wrong amount.
 */
export function sqlYuanToFen(expression: string): string {
  return `(case when ${expression} ~ '${YUAN_PATTERN}' then (${expression})::numeric * 100
            else ('not a yuan amount: ' || coalesce(${expression}, 'null'))::numeric end)::bigint`;
}

/** A rate in ten-thousandths as the shortest decimal string: 7500 → "0.75". */
export function formatRate(rate: Rate): string {
  const whole = Math.floor(rate / RATE_SCALE);
  const fraction = String(rate % RATE_SCALE)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** numerator / divisor rounded half up, for a non-negative integer numerator and positive divisor. */
export function divideRoundHalfUp(numerator: number, divisor: number): number {
  const remainder = numerator % divisor;
  const quotient = (numerator - remainder) / divisor;
  return remainder * 2 >= divisor ? quotient + 1 : quotient;
}

/** round(amount × rate): the one rounding a layer makes. See the header for why this is exact. */
export function applyRate(amount: Fen, rate: Rate): Fen {
  return divideRoundHalfUp(amount * rate, RATE_SCALE);
}
