import type { Bill } from '../bill';
import { applyRate, type Fen } from '@aid/money';
import type { Accumulators } from './accumulators';
import { withinAnnualCap } from './limits';
import type { MedicalAssistanceTerms } from './terms';

/**
 * Layer 4, 医疗救助, for the categories it names (and, where the policy says so, only for
 * certified major diseases): a rate of the eligible cost the layers above left.
 */
export function medicalAssistance(
  terms: MedicalAssistanceTerms | undefined,
  bill: Bill,
  year: Accumulators,
  eligibleLeft: Fen,
): Fen {
  if (terms === undefined || (terms.majorDiseasesOnly && !bill.majorDisease)) return 0;
  return withinAnnualCap(applyRate(eligibleLeft, terms.rate), terms.annualCap, year.medicalAssistancePaid);
}
