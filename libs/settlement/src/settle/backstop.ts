import type { Bill } from '../bill';
import { applyRate, type Fen } from '@aid/money';
import type { Accumulators } from './accumulators';
import type { BackstopTerms } from './terms';

/**
 * Layer 5, 兜底保障, for the categories it names: brings the patient's share down to the
 * smaller of its limits (a share of the bill; what is left of the annual out-of-pocket cap).
 * `patientShare` is O = T − p1 − … − p4, ineligible costs included. With no limit at all
 * there is nothing to bring the share down to, so it pays nothing.
 */
export function backstop(terms: BackstopTerms | undefined, bill: Bill, year: Accumulators, patientShare: Fen): Fen {
  if (terms === undefined || (terms.inCountyOnly && !bill.inCounty)) return 0;
  const { maxShareOfTotal, annualOutOfPocketCap } = terms;
  const shareLimit = maxShareOfTotal === null ? Infinity : applyRate(bill.totalCost, maxShareOfTotal);
  const annualLimit = annualOutOfPocketCap === null ? Infinity : Math.max(0, annualOutOfPocketCap - year.outOfPocket);
  const limit = Math.min(shareLimit, annualLimit);
  return limit === Infinity ? 0 : Math.max(0, patientShare - limit);
}
