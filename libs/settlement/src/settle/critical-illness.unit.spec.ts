import type { Bill } from '../bill';
import {
  aBill,
  aChronicOutpatientBill,
  aPolicy,
  accumulatorsWith,
  inYuan,
  settleInOrder,
  yuan,
} from '../testing/builders';
import { emptyAccumulators, type Accumulators } from './accumulators';
import { settle } from './settle';

/** Only layer 2, so that its base is the whole eligible cost (p1 = 0). */
const criticalIllness = {
  deductible: '10000',
  deductibleFor: { POOR: '5000' },
  tiers: [
    { upTo: '50000', rate: '0.60' },
    { upTo: '100000', rate: '0.70' },
    { upTo: null, rate: '0.80' },
  ],
  tiersFor: { POOR: [{ upTo: null, rate: '0.75' }] },
  annualCap: '300000',
  annualCapFor: { POOR: null },
};
const policy = aPolicy({ criticalIllness });

function paid(bill: Bill, used: Accumulators = emptyAccumulators()): string {
  return inYuan(settle(bill, used, policy)).criticalIllness;
}
const withEligible = (amount: string, more: Partial<Bill> = {}): Bill =>
  aBill({ totalCost: yuan(amount), eligibleCost: yuan(amount), ...more });

describe('layer 2: critical illness insurance', () => {
  describe('annual deductible', () => {
    it('given a base at the deductible, it pays nothing', () => {
      expect(paid(withEligible('10000'))).toBe('0.00');
    });

    it('given one fen above the deductible, it pays that fen at 60%, rounded half up', () => {
      expect(paid(withEligible('10000.01'))).toBe('0.01'); // 0.6 fen → 1 fen
    });

    it("is met across bills: the second bill pays on what the year's base passes the deductible by", () => {
      expect(paid(withEligible('5000'), accumulatorsWith({ criticalIllnessBase: yuan('8000') }))).toBe('1800.00'); // 3000 × 0.6
    });

    it("takes the member's category override", () => {
      expect(paid(withEligible('10000', { categories: ['POOR'] }))).toBe('3750.00'); // (10000 − 5000) × 0.75
    });
  });

  describe('tiers, measured above the deductible', () => {
    it.each([
      ['60000', '30000.00'], // exactly the end of tier 1: 50000 × 0.6
      ['60000.01', '30000.01'], // one fen into tier 2: 30000 + 0.007 → 30000.01
      ['110000', '65000.00'], // exactly the end of tier 2: 30000 + 50000 × 0.7
      ['130000', '81000.00'], // into the open tier: 65000 + 20000 × 0.8
    ])('given a base of %s, it pays %s', (base, expected) => {
      expect(paid(withEligible(base))).toBe(expected);
    });

    it('rounds the sum over tiers once, not each tier', () => {
      // One fen in each of two tiers at 50%: 0.5 + 0.5 = 1 fen, rounded once; rounding each
      // tier would give 1 + 1 = 2.
      const halves = aPolicy({
        criticalIllness: {
          deductible: '0',
          tiers: [
            { upTo: '0.01', rate: '0.5' },
            { upTo: null, rate: '0.5' },
          ],
        },
      });
      const settlement = settle(withEligible('0.02'), emptyAccumulators(), halves);
      expect(settlement.criticalIllness).toBe(1);
    });

    it('continues the tiers across bills of the year', () => {
      const { settlements } = settleInOrder(
        [withEligible('13000'), withEligible('50000', { claimId: 'C2' })],
        () => policy,
      );
      // first: [0, 3000) × 0.6 = 1800; second: [3000, 53000) = 47000 × 0.6 + 3000 × 0.7 = 30300
      expect(settlements.map((s) => inYuan(s).criticalIllness)).toEqual(['1800.00', '30300.00']);
    });

    it("uses the override tiers of the member's category", () => {
      expect(paid(withEligible('130000', { categories: ['POOR'] }))).toBe('93750.00'); // 125000 × 0.75
    });
  });

  describe('annual cap', () => {
    it('given one bill above the cap, it pays the cap', () => {
      expect(paid(withEligible('500000'))).toBe('300000.00'); // 65000 + 390000 × 0.8 = 377000
    });

    it('given most of the cap used, it pays what is left', () => {
      expect(paid(withEligible('60000'), accumulatorsWith({ criticalIllnessPaid: yuan('290000') }))).toBe('10000.00');
    });

    it('is reached across bills', () => {
      const { settlements } = settleInOrder(
        [withEligible('400000'), withEligible('100000', { claimId: 'C2' })],
        () => policy,
      );
      // first: 65000 + 290000 × 0.8 = 297000; second would be 80000, 3000 left
      expect(settlements.map((s) => inYuan(s).criticalIllness)).toEqual(['297000.00', '3000.00']);
    });

    it('does not limit a category whose override is null', () => {
      expect(paid(withEligible('500000', { categories: ['POOR'] }))).toBe('371250.00'); // 495000 × 0.75
    });
  });

  describe('base', () => {
    it('is what layer 1 left of the eligible cost', () => {
      const both = aPolicy({
        basicMedical: {
          deductible: { PRIMARY: '0', SECONDARY: '0', TERTIARY: '0' },
          rate: { PRIMARY: '0.5', SECONDARY: '0.5', TERTIARY: '0.5' },
        },
        criticalIllness,
      });
      const settlement = settle(withEligible('60000', { totalCost: yuan('70000') }), emptyAccumulators(), both);
      expect(inYuan(settlement).criticalIllness).toBe('12000.00'); // base 30000: (30000 − 10000) × 0.6
      expect(settlement.accumulators.criticalIllnessBase).toBe(yuan('30000'));
    });

    it('covers chronic outpatient bills too', () => {
      expect(paid(aChronicOutpatientBill({ eligibleCost: yuan('20000'), totalCost: yuan('20000') }))).toBe('6000.00');
    });
  });

  describe('conditions', () => {
    it("pays nothing to an uninsured member, whose bill does not join the year's base", () => {
      const settlement = settle(withEligible('60000', { insured: false }), emptyAccumulators(), policy);
      expect(settlement.criticalIllness).toBe(0);
      expect(settlement.accumulators.criticalIllnessBase).toBe(0);
    });
  });
});
