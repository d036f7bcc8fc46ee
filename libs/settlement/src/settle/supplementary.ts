import { applyRate, type Fen } from '@aid/money';
import type { Accumulators } from './accumulators';
import { lengthAboveDeductible, withinAnnualCap } from './limits';
import type { SupplementaryTerms } from './terms';

/**
 * Layer 3, 商业补充保险, for the categories it names (insurance enrollment is not a
 * condition): one rate over the year's base above the annual deductible. `base` is
 * E − p1 − p2; it joins the year's base (see settle) only when this layer covers the member.
 */
export function supplementary(terms: SupplementaryTerms | undefined, year: Accumulators, base: Fen): Fen {
  if (terms === undefined) return 0;
  const before = year.supplementaryBase;
  const covered =
    lengthAboveDeductible(before + base, terms.deductible) - lengthAboveDeductible(before, terms.deductible);
  return withinAnnualCap(applyRate(covered, terms.rate), terms.annualCap, year.supplementaryPaid);
}
