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

/** Only layer 1, so that what it pays is all that comes off the bill. */
const basicMedical = {
  deductible: { PRIMARY: '200', SECONDARY: '500', TERTIARY: '1000' },
  waiveDeductibleInCountyFor: ['POOR', 'EXTREME_POOR'],
  rate: { PRIMARY: '0.90', SECONDARY: '0.80', TERTIARY: '0.65' },
  outOfCountyRateReduction: '0.10',
  rateBonus: { POOR: '0.05', LOW_INCOME: '0.08' },
  annualCap: '150000',
  chronicOutpatient: { rate: '0.60', annualCap: '3000' },
};
const policy = aPolicy({ basicMedical });

function paid(bill: Bill, used: Accumulators = emptyAccumulators(), withPolicy = policy): string {
  return inYuan(settle(bill, used, withPolicy)).basicMedical;
}

describe('layer 1: basic medical insurance', () => {
  describe('inpatient', () => {
    describe('deductible and rate by level', () => {
      it.each([
        ['PRIMARY', '8820.00'], // (10000 − 200) × 0.90
        ['SECONDARY', '7600.00'], // (10000 − 500) × 0.80
        ['TERTIARY', '5850.00'], // (10000 − 1000) × 0.65
      ] as const)(
        'given an ordinary member at a %s facility in the county, it pays %s of 10,000',
        (facilityLevel, expected) => {
          expect(paid(aBill({ facilityLevel }))).toBe(expected);
        },
      );

      it('given eligible costs at or below the deductible, it pays nothing', () => {
        expect(paid(aBill({ eligibleCost: yuan('500') }))).toBe('0.00');
        expect(paid(aBill({ eligibleCost: yuan('300'), totalCost: yuan('900') }))).toBe('0.00');
        expect(paid(aBill({ eligibleCost: 0 }))).toBe('0.00');
      });

      it('pays on the eligible cost only, not the whole bill', () => {
        expect(paid(aBill({ totalCost: yuan('50000'), eligibleCost: yuan('10000') }))).toBe('7600.00');
      });
    });

    describe('deductible waived in the county (起付线取消)', () => {
      it('given a POOR member in the county, there is no deductible (and the POOR bonus applies)', () => {
        expect(paid(aBill({ categories: ['POOR'] }))).toBe('8500.00'); // 10000 × (0.80 + 0.05)
      });

      it('given the same member out of the county, the deductible applies again', () => {
        // (10000 − 500) × (0.80 − 0.10 + 0.05)
        expect(paid(aBill({ categories: ['POOR'], inCounty: false }))).toBe('7125.00');
      });

      it('given a category not on the list, the deductible applies', () => {
        expect(paid(aBill({ categories: ['MARGINAL'] }))).toBe('7600.00');
      });
    });

    describe('out of the county', () => {
      it('takes outOfCountyRateReduction off the rate', () => {
        expect(paid(aBill({ inCounty: false }))).toBe('6650.00'); // 9500 × 0.70
      });

      it("takes an overridden reduction for the member's category", () => {
        const lenient = aPolicy({
          basicMedical: { ...basicMedical, outOfCountyRateReductionFor: { MARGINAL: '0.02' } },
        });
        expect(paid(aBill({ inCounty: false, categories: ['MARGINAL'] }), emptyAccumulators(), lenient)).toBe(
          '7410.00',
        ); // 9500 × 0.78
      });
    });

    describe('rate bonus (两倾斜)', () => {
      it("adds the largest bonus among the member's categories, not their sum", () => {
        expect(paid(aBill({ categories: ['LOW_INCOME'] }))).toBe('8360.00'); // 9500 × (0.80 + 0.08)
        expect(paid(aBill({ categories: ['POOR', 'LOW_INCOME'] }))).toBe('8800.00'); // waived: 10000 × 0.88
      });

      it('clamps the rate at 1 and at 0', () => {
        const generous = aPolicy({
          basicMedical: { ...basicMedical, rate: { PRIMARY: '0.98', SECONDARY: '0.1', TERTIARY: '0.05' } },
        });
        expect(paid(aBill({ facilityLevel: 'PRIMARY', categories: ['POOR'] }), emptyAccumulators(), generous)).toBe(
          '10000.00',
        );
        expect(paid(aBill({ facilityLevel: 'TERTIARY', inCounty: false }), emptyAccumulators(), generous)).toBe('0.00');
      });
    });

    describe('annual cap', () => {
      const bigBill = aBill({ facilityLevel: 'TERTIARY', totalCost: yuan('300000'), eligibleCost: yuan('250000') });

      it('given one bill above the cap, it pays the cap', () => {
        expect(paid(bigBill)).toBe('150000.00'); // 249000 × 0.65 = 161850, capped
      });

      it('given most of the cap used this year, it pays what is left', () => {
        expect(paid(aBill(), accumulatorsWith({ basicInpatientPaid: yuan('149000') }))).toBe('1000.00');
      });

      it("given the cap already exceeded (under another category's cap), it pays nothing", () => {
        expect(paid(aBill(), accumulatorsWith({ basicInpatientPaid: yuan('160000') }))).toBe('0.00');
      });

      it('is reached across bills in order', () => {
        const { settlements } = settleInOrder([bigBill, aBill({ claimId: 'C2' })], () => policy);
        expect(settlements.map((s) => inYuan(s).basicMedical)).toEqual(['150000.00', '0.00']);
      });

      it('is lifted for a category whose override is null', () => {
        const uncapped = aPolicy({ basicMedical: { ...basicMedical, annualCapFor: { POOR: null } } });
        expect(paid({ ...bigBill, categories: ['POOR'] }, emptyAccumulators(), uncapped)).toBe('175000.00'); // 250000 × 0.70
      });

      it('does not count chronic outpatient payments', () => {
        expect(paid(aBill(), accumulatorsWith({ basicChronicPaid: yuan('150000') }))).toBe('7600.00');
      });
    });

    describe('overrides', () => {
      it("uses the deductible and rate tables of the member's category", () => {
        const overridden = aPolicy({
          basicMedical: {
            ...basicMedical,
            deductibleFor: { MARGINAL: { PRIMARY: '100', SECONDARY: '250', TERTIARY: '500' } },
            rateFor: { MARGINAL: { PRIMARY: '0.95', SECONDARY: '0.90', TERTIARY: '0.80' } },
          },
        });
        expect(paid(aBill({ categories: ['MARGINAL'] }), emptyAccumulators(), overridden)).toBe('8775.00'); // 9750 × 0.90
      });
    });
  });

  describe('chronic outpatient (门诊慢病)', () => {
    it('pays its own rate with no deductible, at any level', () => {
      expect(paid(aChronicOutpatientBill({ totalCost: yuan('800'), eligibleCost: yuan('800') }))).toBe('480.00');
      expect(
        paid(aChronicOutpatientBill({ facilityLevel: 'TERTIARY', totalCost: yuan('800'), eligibleCost: yuan('800') })),
      ).toBe('480.00');
    });

    it('neither reduces the rate out of the county nor adds the inpatient bonus', () => {
      const bill = aChronicOutpatientBill({
        inCounty: false,
        categories: ['POOR'],
        totalCost: yuan('800'),
        eligibleCost: yuan('800'),
      });
      expect(paid(bill)).toBe('480.00');
    });

    it('has its own annual cap, apart from the inpatient one', () => {
      const bill = aChronicOutpatientBill({ totalCost: yuan('800'), eligibleCost: yuan('800') });
      expect(paid(bill, accumulatorsWith({ basicChronicPaid: yuan('2900') }))).toBe('100.00');
      expect(paid(bill, accumulatorsWith({ basicInpatientPaid: yuan('150000') }))).toBe('480.00');
      expect(paid(aChronicOutpatientBill({ eligibleCost: yuan('10000') }))).toBe('3000.00');
    });

    it('takes the overrides inside chronicOutpatient', () => {
      const overridden = aPolicy({
        basicMedical: {
          ...basicMedical,
          chronicOutpatient: {
            rate: '0.60',
            rateFor: { POOR: '0.80' },
            annualCap: '3000',
            annualCapFor: { POOR: null },
          },
        },
      });
      expect(paid(aChronicOutpatientBill({ categories: ['POOR'] }), emptyAccumulators(), overridden)).toBe('8000.00');
    });

    it('pays nothing when the policy gives no chronic outpatient cover', () => {
      const { chronicOutpatient: _none, ...withoutChronic } = basicMedical;
      expect(paid(aChronicOutpatientBill(), emptyAccumulators(), aPolicy({ basicMedical: withoutChronic }))).toBe(
        '0.00',
      );
    });
  });

  describe('conditions', () => {
    it('pays nothing to an uninsured member', () => {
      expect(paid(aBill({ insured: false, categories: ['POOR'] }))).toBe('0.00');
      expect(paid(aChronicOutpatientBill({ insured: false }))).toBe('0.00');
    });

    it('pays nothing when the policy has no such layer', () => {
      expect(paid(aBill(), emptyAccumulators(), aPolicy({}))).toBe('0.00');
    });
  });

  describe('accumulators', () => {
    it('adds inpatient payments to basicInpatientPaid and chronic ones to basicChronicPaid', () => {
      const afterInpatient = settle(aBill(), emptyAccumulators(), policy).accumulators;
      expect(afterInpatient).toMatchObject({ basicInpatientPaid: yuan('7600'), basicChronicPaid: 0 });
      const afterChronic = settle(
        aChronicOutpatientBill({ eligibleCost: yuan('800') }),
        afterInpatient,
        policy,
      ).accumulators;
      expect(afterChronic).toMatchObject({ basicInpatientPaid: yuan('7600'), basicChronicPaid: yuan('480') });
    });
  });
});
