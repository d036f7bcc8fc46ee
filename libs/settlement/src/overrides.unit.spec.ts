import { fixed, resolve, type Overridable } from './overrides';
import { aPolicy } from './testing/builders';
import { termsFor } from './settle/terms';

describe('overrides and precedence', () => {
  const everyCategory: Overridable<string> = {
    value: 'base',
    overrides: { EXTREME_POOR: 'extreme', POOR: 'poor', LOW_INCOME: 'low income', MARGINAL: 'marginal' },
  };

  it.each([
    [[], 'base'],
    [['MARGINAL'], 'marginal'],
    [['MARGINAL', 'LOW_INCOME'], 'low income'],
    [['LOW_INCOME', 'POOR'], 'poor'],
    [['POOR', 'EXTREME_POOR'], 'extreme'],
    [['MARGINAL', 'EXTREME_POOR', 'LOW_INCOME'], 'extreme'],
  ] as const)('a member with %j takes %j: EXTREME_POOR > POOR > LOW_INCOME > MARGINAL', (categories, expected) => {
    expect(resolve(everyCategory, categories)).toBe(expected);
  });

  it('falls to the next category when the highest has no override for this parameter', () => {
    const onlyLowIncome: Overridable<string> = { value: 'base', overrides: { LOW_INCOME: 'low income' } };
    expect(resolve(onlyLowIncome, ['EXTREME_POOR', 'LOW_INCOME'])).toBe('low income');
    expect(resolve(onlyLowIncome, ['EXTREME_POOR', 'POOR'])).toBe('base');
  });

  it('tells a null override ("no cap") from no override', () => {
    const cap: Overridable<number | null> = { value: 100, overrides: { POOR: null } };
    expect(resolve(cap, ['POOR'])).toBeNull();
    expect(resolve(cap, ['LOW_INCOME'])).toBe(100);
    expect(resolve(fixed(7), ['POOR'])).toBe(7);
  });

  describe('termsFor', () => {
    const policy = aPolicy({
      basicMedical: {
        deductible: { PRIMARY: '200', SECONDARY: '500', TERTIARY: '1000' },
        deductibleFor: { POOR: { PRIMARY: '0', SECONDARY: '0', TERTIARY: '0' } },
        rate: { PRIMARY: '0.9', SECONDARY: '0.8', TERTIARY: '0.6' },
        rateFor: { LOW_INCOME: { PRIMARY: '0.95', SECONDARY: '0.85', TERTIARY: '0.7' } },
        rateBonus: { POOR: '0.05', LOW_INCOME: '0.08' },
        waiveDeductibleInCountyFor: ['MARGINAL'],
      },
      supplementary: { for: ['POOR'], deductible: '0', rate: '0.5' },
    });

    it('resolves each parameter on its own: deductible from POOR, rate from LOW_INCOME', () => {
      const terms = termsFor(policy, ['POOR', 'LOW_INCOME']);
      expect(terms.basicMedical?.deductible).toEqual({ PRIMARY: 0, SECONDARY: 0, TERTIARY: 0 });
      expect(terms.basicMedical?.rate).toEqual({ PRIMARY: 9500, SECONDARY: 8500, TERTIARY: 7000 });
    });

    it('takes the largest rate bonus among the categories, not their sum', () => {
      expect(termsFor(policy, ['POOR', 'LOW_INCOME']).basicMedical?.rateBonus).toBe(800);
      expect(termsFor(policy, ['POOR']).basicMedical?.rateBonus).toBe(500);
      expect(termsFor(policy, ['MARGINAL']).basicMedical?.rateBonus).toBe(0);
    });

    it('decides the category conditions: waiver, and the layers that cover the member', () => {
      expect(termsFor(policy, ['MARGINAL']).basicMedical?.deductibleWaivedInCounty).toBe(true);
      expect(termsFor(policy, ['POOR']).basicMedical?.deductibleWaivedInCounty).toBe(false);
      expect(termsFor(policy, ['POOR']).supplementary).toEqual({ deductible: 0, rate: 5000, annualCap: null });
      expect(termsFor(policy, ['LOW_INCOME']).supplementary).toBeUndefined();
    });

    it('depends only on the set of categories, not their order or repeats', () => {
      expect(termsFor(policy, ['LOW_INCOME', 'POOR', 'POOR'])).toBe(termsFor(policy, ['POOR', 'LOW_INCOME']));
    });
  });
});
