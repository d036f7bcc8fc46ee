/**
 * The number of a bank card on file (预留银行卡) for 打卡结算: 16 to 19 ASCII digits whose last
 * digit is a Luhn (ISO/IEC 7812-1) check digit, as UnionPay debit cards carry. A card whose
 * issuer does not use Luhn is refused; docs/services/enrollment.md says what an operator does
 * then. Reasons never repeat the number: it is personal data and must not reach logs.
 */
export type ParsedBankCardNumber = { ok: true; value: string } | { ok: false; reason: string };

export const MIN_CARD_DIGITS = 16;
export const MAX_CARD_DIGITS = 19;

export function parseBankCardNumber(value: unknown): ParsedBankCardNumber {
  if (typeof value !== 'string' || value.length === 0) {
    return { ok: false, reason: 'is required and must be a string of digits' };
  }
  if (!/^[0-9]+$/.test(value)) {
    return { ok: false, reason: 'must be digits 0-9 only, without spaces or separators' };
  }
  if (value.length < MIN_CARD_DIGITS || value.length > MAX_CARD_DIGITS) {
    return { ok: false, reason: `must be ${MIN_CARD_DIGITS} to ${MAX_CARD_DIGITS} digits long` };
  }
  if (!hasLuhnCheckDigit(value)) {
    return {
      ok: false,
      reason:
        'has a wrong check digit (Luhn): retype it from the card; a card without a Luhn check digit is not accepted',
    };
  }
  return { ok: true, value };
}

/** Luhn: from the right, every second digit doubled (minus 9 above 9); the sum ends in 0. */
export function hasLuhnCheckDigit(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that completes `body` (all digits but the last). */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (hasLuhnCheckDigit(`${body}${d}`)) return String(d);
  throw new Error('unreachable: one of ten digits completes any body');
}

/**
 * What a read shows: the last four digits only. Of 16 to 19 digits, four rebuild nothing,
 * and nothing else returned with them (the bank name, the member) is part of the number.
 */
export function maskBankCardNumber(number: string): string {
  return `•••• ${number.slice(-4)}`;
}
