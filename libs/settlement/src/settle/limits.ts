import type { Fen } from '@aid/money';
import type { Cap } from '../policy/policy';

/** `amount`, limited to what is left of an annual cap after `usedThisYear` (no cap: `null`). */
export function withinAnnualCap(amount: Fen, cap: Cap, usedThisYear: Fen): Fen {
  return cap === null ? amount : Math.min(amount, Math.max(0, cap - usedThisYear));
}

/**
 * How far a year's running base reaches above an annual deductible: max(0, base − D). A
 * bill covers the interval between this before and after it.
 */
export function lengthAboveDeductible(base: Fen, deductible: Fen): Fen {
  return Math.max(0, base - deductible);
}
