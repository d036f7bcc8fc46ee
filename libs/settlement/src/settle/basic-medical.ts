import type { Bill } from '../bill';
import { RATE_SCALE, applyRate, type Fen, type Rate } from '@aid/money';
import type { Accumulators } from './accumulators';
import { withinAnnualCap } from './limits';
import type { BasicMedicalTerms } from './terms';
import { unreachable } from './unreachable';

/** Layer 1, 基本医保: what basic medical insurance pays on this bill. */
export function basicMedical(terms: BasicMedicalTerms | undefined, bill: Bill, year: Accumulators): Fen {
  if (terms === undefined || !bill.insured) return 0;
  switch (bill.visitType) {
    case 'INPATIENT':
      return inpatient(terms, bill, year.basicInpatientPaid);
    case 'CHRONIC_OUTPATIENT':
      return chronicOutpatient(terms, bill, year.basicChronicPaid);
    default:
      return unreachable(bill.visitType);
  }
}

function inpatient(terms: BasicMedicalTerms, bill: Bill, paidThisYear: Fen): Fen {
  const level = bill.facilityLevel;
  const deductible = bill.inCounty && terms.deductibleWaivedInCounty ? 0 : terms.deductible[level];
  const reduction = bill.inCounty ? 0 : terms.outOfCountyRateReduction;
  const rate = clampRate(terms.rate[level] - reduction + terms.rateBonus);
  const paid = applyRate(Math.max(0, bill.eligibleCost - deductible), rate);
  return withinAnnualCap(paid, terms.annualCap, paidThisYear);
}

/** 门诊慢病: no deductible; nothing when the policy gives no chronic outpatient cover. */
function chronicOutpatient(terms: BasicMedicalTerms, bill: Bill, paidThisYear: Fen): Fen {
  const cover = terms.chronicOutpatient;
  if (cover === undefined) return 0;
  return withinAnnualCap(applyRate(bill.eligibleCost, cover.rate), cover.annualCap, paidThisYear);
}

function clampRate(rate: Rate): Rate {
  return Math.min(RATE_SCALE, Math.max(0, rate));
}
