import { checkCharacter } from '../domain/resident-id-number';

export interface ValidIdNumberSpec {
  /** Six-digit address code, e.g. `152201` (Ulanhot, Xing'an League). */
  regionCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** 0-499: the n-th number of that sex for that place and day, so numbers never repeat. */
  sequence: number;
  sex: 'MALE' | 'FEMALE';
}

/**
 * A made-up resident ID number that passes every check (check digit included), for tests
 * and demo data. Never use a real person's number.
 */
export function validIdNumber({ regionCode, birthDate, sequence, sex }: ValidIdNumberSpec): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError('regionCode: must be six digits');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw new RangeError('birthDate: must be YYYY-MM-DD');
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 499) throw new RangeError('sequence: must be 0-499');
  const code = String(sequence * 2 + (sex === 'MALE' ? 1 : 0)).padStart(3, '0');
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${code}`;
  return first17 + checkCharacter(first17);
}
