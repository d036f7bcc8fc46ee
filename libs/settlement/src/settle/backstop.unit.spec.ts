import type { Bill } from '../bill';
import { aBill, aPolicy, accumulatorsWith, inYuan, yuan } from '../testing/builders';
import { emptyAccumulators, type Accumulators } from './accumulators';
import { settle } from './settle';

/** Only layer 5, so that the patient's share before it is the whole bill. */
const backstop = { for: ['POOR'], maxShareOfTotal: '0.10', annualOutOfPocketCap: '5000', inCountyOnly: true };
const policy = aPolicy({ backstop });

function outcome(
  bill: Bill,
  used: Accumulators = emptyAccumulators(),
  withPolicy = policy,
): { backstop: string; outOfPocket: string } {
  const { backstop: paid, outOfPocket } = inYuan(settle(bill, used, withPolicy));
  return { backstop: paid, outOfPocket };
}
const poor = (total: string, more: Partial<Bill> = {}): Bill =>
  aBill({ categories: ['POOR'], totalCost: yuan(total), eligibleCost: yuan(total), ...more });

describe('layer 5: government backstop', () => {
  describe('the smaller limit', () => {
    it('given a bill whose 10% is under the annual limit, the patient keeps 10%', () => {
      expect(outcome(poor('12000'))).toEqual({ backstop: '10800.00', outOfPocket: '1200.00' });
    });

    it('given a bill whose 10% is over the annual limit, the patient keeps the annual limit', () => {
      expect(outcome(poor('100000'))).toEqual({ backstop: '95000.00', outOfPocket: '5000.00' });
    });

    it('given out-of-pocket already paid this year, the patient keeps only what is left of the annual limit', () => {
      expect(outcome(poor('12000'), accumulatorsWith({ outOfPocket: yuan('4500') }))).toEqual({
        backstop: '11500.00',
        outOfPocket: '500.00',
      });
    });

    it('given the annual limit already passed, the backstop pays the whole share', () => {
      expect(outcome(poor('12000'), accumulatorsWith({ outOfPocket: yuan('6000') }))).toEqual({
        backstop: '12000.00',
        outOfPocket: '0.00',
      });
    });

    it('rounds the share of the bill half up', () => {
      expect(outcome(poor('0.05'))).toEqual({ backstop: '0.04', outOfPocket: '0.01' }); // 0.5 fen → 1 fen
    });

    it('given a share already under the limit, it pays nothing', () => {
      const rich = aPolicy({ backstop, medicalAssistance: { for: ['POOR'], rate: '0.95' } });
      expect(outcome(poor('1000'), emptyAccumulators(), rich)).toEqual({ backstop: '0.00', outOfPocket: '50.00' });
    });

    it("counts ineligible costs in the patient's share", () => {
      expect(outcome(poor('10000', { eligibleCost: 0 }))).toEqual({ backstop: '9000.00', outOfPocket: '1000.00' });
    });
  });

  describe('limits that are not given', () => {
    it('with only the share of the bill', () => {
      const shareOnly = aPolicy({ backstop: { for: ['POOR'], maxShareOfTotal: '0.10' } });
      expect(outcome(poor('100000'), emptyAccumulators(), shareOnly)).toEqual({
        backstop: '90000.00',
        outOfPocket: '10000.00',
      });
    });

    it('with only the annual limit', () => {
      const annualOnly = aPolicy({ backstop: { for: ['POOR'], annualOutOfPocketCap: '5000' } });
      expect(outcome(poor('12000'), emptyAccumulators(), annualOnly)).toEqual({
        backstop: '7000.00',
        outOfPocket: '5000.00',
      });
    });

    it('with neither, it pays nothing', () => {
      expect(outcome(poor('12000'), emptyAccumulators(), aPolicy({ backstop: { for: ['POOR'] } }))).toEqual({
        backstop: '0.00',
        outOfPocket: '12000.00',
      });
    });

    it('with a null override, that limit does not apply to the category', () => {
      const noShareForPoor = aPolicy({ backstop: { ...backstop, maxShareOfTotalFor: { POOR: null } } });
      expect(outcome(poor('12000'), emptyAccumulators(), noShareForPoor)).toEqual({
        backstop: '7000.00',
        outOfPocket: '5000.00',
      });
      const neither = aPolicy({
        backstop: { ...backstop, maxShareOfTotalFor: { POOR: null }, annualOutOfPocketCapFor: { POOR: null } },
      });
      expect(outcome(poor('12000'), emptyAccumulators(), neither).backstop).toBe('0.00');
    });
  });

  describe('conditions', () => {
    it('pays nothing to a category it does not name', () => {
      expect(outcome(poor('12000', { categories: ['LOW_INCOME'] })).backstop).toBe('0.00');
    });

    it('when inCountyOnly, pays nothing out of the county', () => {
      expect(outcome(poor('12000', { inCounty: false })).backstop).toBe('0.00');
    });

    it('without inCountyOnly, pays out of the county too', () => {
      const anywhere = aPolicy({ backstop: { ...backstop, inCountyOnly: false } });
      expect(outcome(poor('12000', { inCounty: false }), emptyAccumulators(), anywhere).backstop).toBe('10800.00');
    });

    it("follows the inCountyOnly override of the member's category", () => {
      const extremeAnywhere = aPolicy({
        backstop: { ...backstop, for: ['POOR', 'EXTREME_POOR'], inCountyOnlyFor: { EXTREME_POOR: false } },
      });
      const away = (categories: Bill['categories']) => poor('12000', { inCounty: false, categories });
      expect(outcome(away(['POOR', 'EXTREME_POOR']), emptyAccumulators(), extremeAnywhere).backstop).toBe('10800.00');
      expect(outcome(away(['POOR']), emptyAccumulators(), extremeAnywhere).backstop).toBe('0.00');
    });

    it('does not ask for basic insurance', () => {
      expect(outcome(poor('12000', { insured: false })).backstop).toBe('10800.00');
    });
  });

  it("adds the final out-of-pocket of every bill to the year's, the backstop's or not", () => {
    const afterOutOfCounty = settle(poor('12000', { inCounty: false }), emptyAccumulators(), policy).accumulators;
    expect(afterOutOfCounty.outOfPocket).toBe(yuan('12000'));
    expect(outcome(poor('1000'), afterOutOfCounty)).toEqual({ backstop: '1000.00', outOfPocket: '0.00' });
  });
});
