import { parseBill, type FieldError } from './bill';

const aRawBill = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  claimId: 'X1',
  memberId: 'M1',
  serviceDate: '2019-02-10',
  visitType: 'INPATIENT',
  facilityLevel: 'SECONDARY',
  inCounty: true,
  totalCost: '12000.00',
  eligibleCost: '10000.00',
  categories: ['POOR'],
  insured: true,
  majorDisease: false,
  ...overrides,
});

function errorsOf(raw: unknown): readonly FieldError[] {
  const parsed = parseBill(raw);
  if (parsed.ok) throw new Error('expected the bill to be refused');
  return parsed.errors;
}

describe('parseBill', () => {
  it('reads a bill, amounts in fen', () => {
    expect(parseBill(aRawBill())).toEqual({
      ok: true,
      bill: {
        claimId: 'X1',
        memberId: 'M1',
        serviceDate: '2019-02-10',
        visitType: 'INPATIENT',
        facilityLevel: 'SECONDARY',
        inCounty: true,
        totalCost: 1_200_000,
        eligibleCost: 1_000_000,
        categories: ['POOR'],
        insured: true,
        majorDisease: false,
      },
    });
  });

  it('accepts E = T, E = 0, no categories, and several categories', () => {
    expect(parseBill(aRawBill({ eligibleCost: '12000' })).ok).toBe(true);
    expect(parseBill(aRawBill({ eligibleCost: '0' })).ok).toBe(true);
    expect(parseBill(aRawBill({ categories: [] })).ok).toBe(true);
    expect(parseBill(aRawBill({ categories: ['EXTREME_POOR', 'LOW_INCOME', 'MARGINAL', 'POOR'] })).ok).toBe(true);
  });

  it("does not keep the caller's category list", () => {
    const categories = ['POOR'];
    const parsed = parseBill(aRawBill({ categories }));
    categories.push('MARGINAL');
    expect(parsed.ok && parsed.bill.categories).toEqual(['POOR']);
  });

  describe('refuses, naming the field', () => {
    it.each([
      ['a missing field', { totalCost: undefined }, 'totalCost', 'missing'],
      ['an unknown field', { note: 'x' }, 'note', 'unknown field'],
      ['an empty claimId', { claimId: '' }, 'claimId', 'non-empty string'],
      ['a numeric memberId', { memberId: 7 }, 'memberId', 'non-empty string'],
      ['a date that does not exist', { serviceDate: '2019-02-29' }, 'serviceDate', 'calendar date'],
      ['a month 13', { serviceDate: '2019-13-01' }, 'serviceDate', 'calendar date'],
      ['a date without zero padding', { serviceDate: '2019-2-1' }, 'serviceDate', 'calendar date'],
      ['an unknown visit type', { visitType: 'OUTPATIENT' }, 'visitType', 'unknown visitType "OUTPATIENT"'],
      ['an unknown level', { facilityLevel: 'QUATERNARY' }, 'facilityLevel', 'unknown facilityLevel'],
      ['a string flag', { inCounty: 'true' }, 'inCounty', 'true or false'],
      ['a null flag', { insured: null }, 'insured', 'true or false'],
      ['three decimals', { totalCost: '12000.001' }, 'totalCost', 'more than two decimals'],
      ['a negative amount', { eligibleCost: '-1.00' }, 'eligibleCost', 'below zero'],
      ['a numeric amount', { totalCost: 12000 }, 'totalCost', 'as a string'],
      ['E > T', { eligibleCost: '12000.01' }, 'eligibleCost', 'more than totalCost'],
      ['an unknown category', { categories: ['POOR', 'RICH'] }, 'categories[1]', 'unknown category "RICH"'],
      ['categories that are not a list', { categories: 'POOR' }, 'categories', 'list of categories'],
    ])('%s', (_case, overrides, field, message) => {
      const raw = aRawBill(overrides);
      if ('totalCost' in overrides && overrides.totalCost === undefined) delete raw.totalCost;
      const errors = errorsOf(raw);
      expect(errors).toEqual([expect.objectContaining({ field })]);
      expect(errors[0].message).toContain(message);
    });

    it('reports every problem of a bill at once', () => {
      const raw = aRawBill({ visitType: 'X', facilityLevel: 'Y', extra: 1, eligibleCost: '1.234' });
      delete raw.claimId;
      expect(
        errorsOf(raw)
          .map((e) => e.field)
          .sort(),
      ).toEqual(['claimId', 'eligibleCost', 'extra', 'facilityLevel', 'visitType']);
    });

    it.each([[null], [[]], ['bill'], [42]])('something that is not an object: %j', (raw) => {
      expect(errorsOf(raw)).toEqual([{ field: '(bill)', message: expect.stringContaining('must be a JSON object') }]);
    });
  });
});
