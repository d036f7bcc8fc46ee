import type { Bill } from '../bill';
import { aBill, aPolicy, accumulatorsWith, inYuan, yuan } from '../testing/builders';
import { emptyAccumulators, type Accumulators } from './accumulators';
import { settle } from './settle';

const medicalAssistance = {
  for: ['POOR', 'LOW_INCOME', 'EXTREME_POOR'],
  rate: '0.70',
  rateFor: { EXTREME_POOR: '1.00' },
  annualCap: '10000',
};
const policy = aPolicy({ medicalAssistance });

function paid(bill: Bill, used: Accumulators = emptyAccumulators(), withPolicy = policy): string {
  return inYuan(settle(bill, used, withPolicy)).medicalAssistance;
}
const poor = (eligible: string, more: Partial<Bill> = {}): Bill =>
  aBill({ categories: ['POOR'], totalCost: yuan('50000'), eligibleCost: yuan(eligible), ...more });

describe('layer 4: medical assistance', () => {
  it('pays its rate of the eligible cost the layers above left, not of the whole bill', () => {
    expect(paid(poor('1000'))).toBe('700.00');
  });

  it("pays the override rate of the member's highest category", () => {
    expect(paid(poor('1000', { categories: ['LOW_INCOME', 'EXTREME_POOR'] }))).toBe('1000.00');
  });

  it('pays nothing to a category it does not name', () => {
    expect(paid(poor('1000', { categories: ['MARGINAL'] }))).toBe('0.00');
    expect(paid(poor('1000', { categories: [] }))).toBe('0.00');
  });

  it('does not ask for basic insurance', () => {
    expect(paid(poor('1000', { insured: false }))).toBe('700.00');
  });

  describe('majorDiseasesOnly', () => {
    const majorOnly = aPolicy({
      medicalAssistance: {
        ...medicalAssistance,
        majorDiseasesOnly: true,
        majorDiseasesOnlyFor: { EXTREME_POOR: false },
      },
    });

    it('given a bill without a certified major disease, it pays nothing', () => {
      expect(paid(poor('1000'), emptyAccumulators(), majorOnly)).toBe('0.00');
    });

    it('given a certified major disease, it pays', () => {
      expect(paid(poor('1000', { majorDisease: true }), emptyAccumulators(), majorOnly)).toBe('700.00');
    });

    it("follows the override of the member's category", () => {
      expect(paid(poor('1000', { categories: ['EXTREME_POOR'] }), emptyAccumulators(), majorOnly)).toBe('1000.00');
    });
  });

  describe('annual cap', () => {
    it('limits one bill', () => {
      expect(paid(poor('20000'))).toBe('10000.00');
    });

    it('limits the year, across bills', () => {
      expect(paid(poor('1000'), accumulatorsWith({ medicalAssistancePaid: yuan('9500') }))).toBe('500.00');
      expect(paid(poor('1000'), accumulatorsWith({ medicalAssistancePaid: yuan('10000') }))).toBe('0.00');
    });

    it('adds what it pays to medicalAssistancePaid', () => {
      expect(
        settle(poor('1000'), accumulatorsWith({ medicalAssistancePaid: yuan('100') }), policy).accumulators
          .medicalAssistancePaid,
      ).toBe(yuan('800'));
    });
  });
});
