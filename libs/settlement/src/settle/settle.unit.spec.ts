import type { Bill } from '../bill';
import {
  aBill,
  aPolicy,
  aPoorPatientsBill,
  accumulatorsWith,
  inYuan,
  settleInOrder,
  workedExamplePolicy,
  yuan,
} from '../testing/builders';
import { emptyAccumulators } from './accumulators';
import { SETTLEMENT_AMOUNTS, settle } from './settle';

/** The worked example's policy (Xing'an League 2019), all five layers. */
const policy = workedExamplePolicy();

const total = (s: ReturnType<typeof settle>): number => SETTLEMENT_AMOUNTS.reduce((sum, key) => sum + s[key], 0);

describe('settle: all five layers', () => {
  describe('extreme bills', () => {
    it('given a one-fen bill of a poor member, layer 1 pays the fen (0.85 fen rounds up)', () => {
      const s = settle(aPoorPatientsBill({ totalCost: 1, eligibleCost: 1 }), emptyAccumulators(), policy);
      expect(s).toMatchObject({
        basicMedical: 1,
        criticalIllness: 0,
        supplementary: 0,
        medicalAssistance: 0,
        backstop: 0,
        outOfPocket: 0,
      });
    });

    it('given a one-fen bill of an ordinary member, the deductible leaves the fen to the patient', () => {
      expect(inYuan(settle(aBill({ totalCost: 1, eligibleCost: 1 }), emptyAccumulators(), policy)).outOfPocket).toBe(
        '0.01',
      );
    });

    it('given a bill of nothing, everything is zero', () => {
      const s = settle(aPoorPatientsBill({ totalCost: 0, eligibleCost: 0 }), emptyAccumulators(), policy);
      expect(total(s)).toBe(0);
      expect(s.accumulators).toEqual(emptyAccumulators());
    });

    it('given E = 0, only the backstop helps, down to 10%', () => {
      const s = inYuan(
        settle(aPoorPatientsBill({ totalCost: yuan('5000'), eligibleCost: 0 }), emptyAccumulators(), policy),
      );
      expect(s).toEqual({
        basicMedical: '0.00',
        criticalIllness: '0.00',
        supplementary: '0.00',
        medicalAssistance: '0.00',
        backstop: '4500.00',
        outOfPocket: '500.00',
      });
    });

    it('given E = T, every layer works on the whole bill', () => {
      // p1 = 10000 × 0.85 = 8500; base 1500 under the 5000 deductible; p3 = 750; p4 = 525;
      // O = 225, under 10% (1000): no backstop.
      const s = inYuan(
        settle(
          aPoorPatientsBill({ totalCost: yuan('10000'), eligibleCost: yuan('10000') }),
          emptyAccumulators(),
          policy,
        ),
      );
      expect(s).toEqual({
        basicMedical: '8500.00',
        criticalIllness: '0.00',
        supplementary: '750.00',
        medicalAssistance: '525.00',
        backstop: '0.00',
        outOfPocket: '225.00',
      });
    });
  });

  describe('uninsured member', () => {
    it('gets nothing from layers 1 and 2, and the other layers still apply', () => {
      // Worked example X6: supplementary 18000 × 0.5, assistance 9000 × 0.7, backstop down to 10%.
      const bill = aPoorPatientsBill({ insured: false, totalCost: yuan('20000'), eligibleCost: yuan('18000') });
      expect(inYuan(settle(bill, emptyAccumulators(), policy))).toEqual({
        basicMedical: '0.00',
        criticalIllness: '0.00',
        supplementary: '9000.00',
        medicalAssistance: '6300.00',
        backstop: '2700.00',
        outOfPocket: '2000.00',
      });
    });
  });

  describe('out of the county', () => {
    it('reduces the rate, keeps the deductible, and gets no backstop where it is in-county only', () => {
      // Worked example X3 for a member with nothing accumulated: deductible 1000, rate
      // 0.65 − 0.10 + 0.05 = 0.60 → p1 = 41400; base 28600 − 5000 at 75% = 17700; …
      const bill = aPoorPatientsBill({
        inCounty: false,
        facilityLevel: 'TERTIARY',
        totalCost: yuan('80000'),
        eligibleCost: yuan('70000'),
        majorDisease: true,
      });
      const s = inYuan(settle(bill, emptyAccumulators(), policy));
      expect(s.basicMedical).toBe('41400.00');
      expect(s.criticalIllness).toBe('17700.00');
      expect(s.supplementary).toBe('5450.00'); // (70000 − 41400 − 17700) × 0.5
      expect(s.medicalAssistance).toBe('3815.00'); // 5450 × 0.7
      expect(s.backstop).toBe('0.00');
    });
  });

  describe('accumulators', () => {
    it('come back new, each holding what the rules list, and the inputs stay as they were', () => {
      const bill = Object.freeze(aPoorPatientsBill({ categories: Object.freeze(['POOR'] as const) }));
      const before = Object.freeze(accumulatorsWith({ outOfPocket: yuan('100') }));
      const s = settle(bill, before, policy);
      expect(before).toEqual(accumulatorsWith({ outOfPocket: yuan('100') }));
      expect(s.accumulators).not.toBe(before);
      expect(s.accumulators).toEqual({
        basicInpatientPaid: yuan('8500'),
        basicChronicPaid: 0,
        criticalIllnessBase: yuan('1500'),
        criticalIllnessPaid: 0,
        supplementaryBase: yuan('1500'),
        supplementaryPaid: yuan('750'),
        medicalAssistancePaid: yuan('525'),
        outOfPocket: yuan('100') + yuan('225'),
      });
    });

    it('are plain JSON: what comes back from storage settles the same', () => {
      const first = settle(aPoorPatientsBill(), emptyAccumulators(), policy);
      const stored = JSON.parse(JSON.stringify(first.accumulators));
      const next = aPoorPatientsBill({ claimId: 'C2', totalCost: yuan('60000'), eligibleCost: yuan('60000') });
      expect(settle(next, stored, policy)).toEqual(settle(next, first.accumulators, policy));
    });

    it('start again at zero in a new year (a run keys them by member and year)', () => {
      const big = (claimId: string, serviceDate: string): Bill =>
        aBill({
          claimId,
          serviceDate,
          facilityLevel: 'TERTIARY',
          totalCost: yuan('300000'),
          eligibleCost: yuan('250000'),
        });
      const policies = new Map([
        [2019, policy],
        [2020, workedExamplePolicy(2020)],
      ]);
      const { settlements } = settleInOrder(
        [big('A', '2019-12-30'), big('B', '2019-12-31'), big('C', '2020-01-01')],
        (year) => policies.get(year)!,
      );
      // The 150000 cap is used up by the first bill of 2019 and fresh again in 2020.
      expect(settlements.map((s) => inYuan(s).basicMedical)).toEqual(['150000.00', '0.00', '150000.00']);
    });
  });

  describe('refuses what has no settlement', () => {
    it.each<[string, Partial<Bill>]>([
      ['E > T', { eligibleCost: yuan('2'), totalCost: yuan('1') }],
      ['a negative amount', { totalCost: -1, eligibleCost: -1 }],
      ['a fraction of a fen', { totalCost: 1.5, eligibleCost: 1 }],
      ['an amount above the largest', { totalCost: 100_000_000_001, eligibleCost: 0 }],
    ])('%s', (_case, change) => {
      expect(() => settle(aBill(change), emptyAccumulators(), policy)).toThrow(RangeError);
    });

    it('a bill of another year than the policy', () => {
      expect(() => settle(aBill({ serviceDate: '2020-01-01' }), emptyAccumulators(), policy)).toThrow(/2019 policy/);
    });

    it('annual totals beyond 2^53 fen, which could no longer be exact', () => {
      const nearlyFull = accumulatorsWith({ outOfPocket: Number.MAX_SAFE_INTEGER - 10 });
      expect(() => settle(aBill(), nearlyFull, aPolicy({}))).toThrow(/beyond the supported range/);
    });
  });

  it('always splits the bill whole: amounts ≥ 0 that sum to T', () => {
    for (const eligible of ['0', '0.01', '499.99', '500', '500.01', '9999.99', '60000', '1000000']) {
      for (const categories of [[], ['POOR'], ['EXTREME_POOR', 'LOW_INCOME'], ['MARGINAL']] as const) {
        const bill = aBill({ categories, eligibleCost: yuan(eligible), totalCost: yuan(eligible) + 12_345 });
        const s = settle(bill, emptyAccumulators(), policy);
        expect(SETTLEMENT_AMOUNTS.every((key) => Number.isInteger(s[key]) && s[key] >= 0)).toBe(true);
        expect(total(s)).toBe(bill.totalCost);
      }
    }
  });
});
