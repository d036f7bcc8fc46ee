import { isCalendarDate, type CalendarDate } from '@aid/contracts';

/**
 * 居民身份证号码 (GB 11643-1999): 6 digits of address code, 8 of birth date (YYYYMMDD),
 * 3 of sequence (the last one odd for a man, even for a woman) and a check character
 * (ISO 7064 MOD 11-2, `X` standing for 10). Reasons never repeat the number: it is
 * personal data and must not reach logs.
 */
export interface ResidentIdNumber {
  /** The 18 characters, a check `x` written as `X`. */
  value: string;
  /** The address code of the place of first registration. */
  regionCode: string;
  birthDate: CalendarDate;
  sex: 'MALE' | 'FEMALE';
}

export type ParsedResidentIdNumber = { ok: true; id: ResidentIdNumber } | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** Province-level codes (the first two digits), including 81-83 of residence permits. */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/** The check character of the first 17 digits: weights 2^(17-i) mod 11, then (12 - sum mod 11) mod 11. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('checkCharacter: needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

export function parseResidentIdNumber(input: unknown, today: CalendarDate): ParsedResidentIdNumber {
  const fail = (reason: string): ParsedResidentIdNumber => ({ ok: false, reason });
  if (typeof input !== 'string' || input === '') return fail('is required: the 18-character resident ID number');
  if (/^\d{15}$/.test(input)) {
    return fail('is a 15-digit first-generation number; give the 18-character resident ID number');
  }
  if (!/^\d{17}[\dXx]$/.test(input)) return fail('must be 18 characters: 17 digits and a check digit 0-9 or X');
  const value = input.toUpperCase();
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return fail('does not start with a known province code');
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(birthDate)) return fail('has no valid birth date in digits 7-14 (YYYYMMDD)');
  if (birthDate < '1900-01-01') return fail('has a birth date before 1900');
  if (birthDate > today) return fail('has a birth date in the future');
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return fail('has a wrong check digit (ISO 7064 MOD 11-2)');
  return {
    ok: true,
    id: { value, regionCode: value.slice(0, 6), birthDate, sex: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE' },
  };
}
