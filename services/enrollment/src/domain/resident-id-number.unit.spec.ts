import { validIdNumber } from '../testing/valid-id-number';
import { checkCharacter, parseResidentIdNumber } from './resident-id-number';

// Made-up numbers; their check characters were worked out by hand (ISO 7064 MOD 11-2),
// independently of the code under test.
const TODAY = '2020-06-30';

describe('resident ID number (居民身份证号码)', () => {
  describe('check character', () => {
    it.each([
      ['15220119850312001', '1'],
      ['15220119850312002', 'X'],
      ['21092219600229003', '4'],
      ['15220120000101009', '0'],
    ])('of %s is %s', (first17, expected) => {
      expect(checkCharacter(first17)).toBe(expected);
    });
  });

  describe('a valid number', () => {
    it('gives its birth date, its sex (odd 17th digit: male) and its region code', () => {
      expect(parseResidentIdNumber('152201198503120011', TODAY)).toEqual({
        ok: true,
        id: { value: '152201198503120011', regionCode: '152201', birthDate: '1985-03-12', sex: 'MALE' },
      });
    });

    it('reads an even 17th digit as female, and takes X as the check character', () => {
      expect(parseResidentIdNumber('15220119850312002X', TODAY)).toMatchObject({
        ok: true,
        id: { sex: 'FEMALE', birthDate: '1985-03-12' },
      });
    });

    it('takes a lower-case x and stores it upper-case', () => {
      expect(parseResidentIdNumber('15220119850312002x', TODAY)).toMatchObject({
        ok: true,
        id: { value: '15220119850312002X' },
      });
    });

    it('takes 29 February of a leap year', () => {
      expect(parseResidentIdNumber('210922196002290034', TODAY)).toMatchObject({
        ok: true,
        id: { birthDate: '1960-02-29', sex: 'MALE' },
      });
    });
  });

  describe('a number refused', () => {
    it.each([
      ['a wrong check digit', '152201198503120012', 'has a wrong check digit (ISO 7064 MOD 11-2)'],
      ['X where a digit is due', '15220119850312001X', 'has a wrong check digit (ISO 7064 MOD 11-2)'],
      [
        '15 digits (first generation)',
        '152201850312001',
        'is a 15-digit first-generation number; give the 18-character resident ID number',
      ],
      ['17 characters', '15220119850312001', 'must be 18 characters: 17 digits and a check digit 0-9 or X'],
      ['19 characters', '1522011985031200111', 'must be 18 characters: 17 digits and a check digit 0-9 or X'],
      ['a letter inside', '1522011985A3120011', 'must be 18 characters: 17 digits and a check digit 0-9 or X'],
      ['spaces', '152201 19850312 001', 'must be 18 characters: 17 digits and a check digit 0-9 or X'],
      ['an unknown province', '992201198503120011', 'does not start with a known province code'],
      ['30 February', withCheck('15220119850230001'), 'has no valid birth date in digits 7-14 (YYYYMMDD)'],
      [
        '29 February of a common year',
        withCheck('15220119010229001'),
        'has no valid birth date in digits 7-14 (YYYYMMDD)',
      ],
      ['month 13', withCheck('15220119851301001'), 'has no valid birth date in digits 7-14 (YYYYMMDD)'],
      ['a birth before 1900', withCheck('15220118991231001'), 'has a birth date before 1900'],
      ['a birth after today', withCheck('15220120200701001'), 'has a birth date in the future'],
      ['an empty string', '', 'is required: the 18-character resident ID number'],
      ['a number type', 152201198503120011, 'is required: the 18-character resident ID number'],
    ])('for %s', (_why, input, reason) => {
      expect(parseResidentIdNumber(input, TODAY)).toEqual({ ok: false, reason });
    });

    it('never repeats the number in its reason', () => {
      const result = parseResidentIdNumber('152201198503120012', TODAY);
      expect(JSON.stringify(result)).not.toContain('152201198503120012');
    });
  });

  describe('validIdNumber (test helper)', () => {
    it('builds numbers that pass, with the birth date and sex asked for', () => {
      for (const sex of ['MALE', 'FEMALE'] as const) {
        for (const sequence of [0, 1, 250, 499]) {
          const value = validIdNumber({ regionCode: '152201', birthDate: '1985-03-12', sequence, sex });
          expect(parseResidentIdNumber(value, TODAY)).toEqual({
            ok: true,
            id: { value, regionCode: '152201', birthDate: '1985-03-12', sex },
          });
        }
      }
    });

    it('gives a different number for each sequence and sex', () => {
      const numbers = new Set<string>();
      for (const sex of ['MALE', 'FEMALE'] as const) {
        for (let sequence = 0; sequence < 500; sequence++) {
          numbers.add(validIdNumber({ regionCode: '152201', birthDate: '1985-03-12', sequence, sex }));
        }
      }
      expect(numbers.size).toBe(1000);
    });

    it('matches a number worked out by hand', () => {
      expect(validIdNumber({ regionCode: '152201', birthDate: '2000-01-01', sequence: 4, sex: 'MALE' })).toBe(
        '152201200001010090',
      );
    });
  });
});

function withCheck(first17: string): string {
  return first17 + checkCharacter(first17);
}
