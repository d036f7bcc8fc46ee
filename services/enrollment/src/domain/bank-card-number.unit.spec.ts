import fc from 'fast-check';
import { hasLuhnCheckDigit, luhnCheckDigit, maskBankCardNumber, parseBankCardNumber } from './bank-card-number';

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((ds) => ds.join(''));
const validNumber = digits(15, 18).map((body) => body + luhnCheckDigit(body));

describe('a bank card number', () => {
  it('passes with a Luhn check digit: published test numbers and a UnionPay-shaped one', () => {
    const unionPayShaped = `622848004001123456${luhnCheckDigit('622848004001123456')}`;
    for (const n of ['4111111111111111', '5555555555554444', '6011111111111117', unionPayShaped]) {
      expect(parseBankCardNumber(n)).toEqual({ ok: true, value: n });
    }
  });

  it('fails Luhn with any one digit changed', () => {
    fc.assert(
      fc.property(validNumber, fc.nat(), fc.integer({ min: 1, max: 9 }), (n, at, by) => {
        const i = at % n.length;
        const changed = n.slice(0, i) + String((Number(n[i]) + by) % 10) + n.slice(i + 1);
        expect(hasLuhnCheckDigit(n)).toBe(true);
        expect(hasLuhnCheckDigit(changed)).toBe(false);
        expect(parseBankCardNumber(changed)).toMatchObject({ ok: false, reason: expect.stringContaining('Luhn') });
      }),
    );
  });

  it('is 16 to 19 digits long, even when the check digit fits', () => {
    for (const body of ['41111111111111', '411111111111111111111']) {
      const n = body + luhnCheckDigit(body);
      expect(parseBankCardNumber(n)).toEqual({ ok: false, reason: 'must be 16 to 19 digits long' });
    }
  });

  it('is digits only: no spaces, separators, full-width digits or other types', () => {
    const n = '4111111111111111';
    for (const bad of [`${n.slice(0, 4)} ${n.slice(4)}`, `${n.slice(0, 4)}-${n.slice(4)}`, ` ${n}`, `${n}\u0000`]) {
      expect(parseBankCardNumber(bad)).toMatchObject({ ok: false, reason: expect.stringContaining('digits 0-9 only') });
    }
    const fullWidth = n.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(parseBankCardNumber(fullWidth)).toMatchObject({ ok: false });
    for (const bad of [undefined, null, '', 4111111111111111, ['4111111111111111'], {}]) {
      expect(parseBankCardNumber(bad)).toEqual({ ok: false, reason: 'is required and must be a string of digits' });
    }
  });

  it('never repeats the number, nor any four digits of it, in a reason', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          validNumber.map((n) => n.slice(0, -1) + String((Number(n.at(-1)) + 1) % 10)),
          digits(1, 30),
        ),
        (n) => {
          const parsed = parseBankCardNumber(n);
          if (!parsed.ok && n.length >= 4) expect(parsed.reason).not.toContain(n.slice(-4));
        },
      ),
    );
  });

  it('shows only its last four digits when masked', () => {
    expect(maskBankCardNumber('6222020200112233445')).toBe('•••• 3445');
  });
});
