import type { Bill } from '../bill';
import { RATE_SCALE, divideRoundHalfUp, type Fen } from '@aid/money';
import type { Accumulators } from './accumulators';
import { lengthAboveDeductible, withinAnnualCap } from './limits';
import type { CriticalIllnessTerms } from './terms';

/**
 * Layer 2, 大病保险, for insured members: tiers over the year's base above the annual
 * deductible. `base` is E − p1, the eligible part the patient would still owe; it joins the
 * year's base (see settle) only when this layer covers the bill.
 */
export function criticalIllness(
  terms: CriticalIllnessTerms | undefined,
  bill: Bill,
  year: Accumulators,
  base: Fen,
): Fen {
  if (!coversCriticalIllness(terms, bill)) return 0;
  const before = year.criticalIllnessBase;
  // The covered interval, measured above the deductible.
  const from = lengthAboveDeductible(before, terms.deductible);
  const to = lengthAboveDeductible(before + base, terms.deductible);
  let sum = 0; // Σ length inside a tier × its rate: at most base × 10^4, exact (money.ts)
  let tierStart = 0;
  for (const tier of terms.tiers) {
    const tierEnd = tier.upTo ?? Infinity;
    const inside = Math.min(to, tierEnd) - Math.max(from, tierStart);
    if (inside > 0) sum += inside * tier.rate;
    if (tierEnd >= to) break;
    tierStart = tierEnd;
  }
  return withinAnnualCap(divideRoundHalfUp(sum, RATE_SCALE), terms.annualCap, year.criticalIllnessPaid);
}

export function coversCriticalIllness(
  terms: CriticalIllnessTerms | undefined,
  bill: Bill,
): terms is CriticalIllnessTerms {
  return terms !== undefined && bill.insured;
}
