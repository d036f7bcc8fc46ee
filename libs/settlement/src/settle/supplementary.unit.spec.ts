import type { Bill } from '../bill';
import { aBill, aPolicy, accumulatorsWith, inYuan, settleInOrder, yuan } from '../testing/builders';
import { emptyAccumulators, type Accumulators } from './accumulators';
import { settle } from './settle';

/** Only layer 3, so that its base is the whole eligible cost. */
const supplementary = {
  for: ['POOR', 'LOW_INCOME'],
  deductible: '1000',
  deductibleFor: { LOW_INCOME: '2000' },
  rate: '0.50',
  annualCap: '5000',
};
const policy = aPolicy({ supplementary });

function paid(bill: Bill, used: Accumulators = emptyAccumulators()): string {
  return inYuan(settle(bill, used, policy)).supplementary;
}
const poor = (amount: string, more: Partial<Bill> = {}): Bill =>
  aBill({ categories: ['POOR'], totalCost: yuan(amount), eligibleCost: yuan(amount), ...more });

describe('layer 3: commercial supplementary insurance', () => {
  it('given a member of a covered category, it pays its rate above the deductible', () => {
    expect(paid(poor('3000'))).toBe('1000.00');
  });

  it('given another category, it pays nothing and does not count the bill towards its deductible', () => {
    const settlement = settle(poor('3000', { categories: ['MARGINAL'] }), emptyAccumulators(), policy);
    expect(settlement.supplementary).toBe(0);
    expect(settlement.accumulators.supplementaryBase).toBe(0);
  });

  it('does not ask for basic insurance: an uninsured member is paid', () => {
    expect(paid(poor('3000', { insured: false }))).toBe('1000.00');
  });

  it('meets its deductible once a year, across bills', () => {
    const { settlements, ledger } = settleInOrder([poor('600'), poor('600', { claimId: 'C2' })], () => policy);
    expect(settlements.map((s) => inYuan(s).supplementary)).toEqual(['0.00', '100.00']); // [1000, 1200) × 0.5
    expect([...ledger.values()][0].supplementaryBase).toBe(yuan('1200'));
  });

  it("takes the deductible of the member's category", () => {
    expect(paid(poor('3000', { categories: ['LOW_INCOME'] }))).toBe('500.00');
  });

  it('is limited by its annual cap, within a bill and across bills', () => {
    expect(paid(poor('20000'))).toBe('5000.00');
    expect(paid(poor('3000'), accumulatorsWith({ supplementaryPaid: yuan('4500') }))).toBe('500.00');
  });

  it('pays on what layers 1 and 2 left: E − p1 − p2', () => {
    const all = aPolicy({
      basicMedical: {
        deductible: { PRIMARY: '0', SECONDARY: '0', TERTIARY: '0' },
        rate: { PRIMARY: '0.5', SECONDARY: '0.5', TERTIARY: '0.5' },
      },
      criticalIllness: { deductible: '0', tiers: [{ upTo: null, rate: '0.5' }] },
      supplementary: { for: ['POOR'], deductible: '0', rate: '1' },
    });
    // E 8000: p1 4000, p2 2000, base 2000
    expect(inYuan(settle(poor('8000'), emptyAccumulators(), all)).supplementary).toBe('2000.00');
  });
});
