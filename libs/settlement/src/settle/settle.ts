import { yearOf, type Bill } from '../bill';
import { MAX_AMOUNT_FEN, type Fen } from '@aid/money';
import type { Policy } from '../policy/policy';
import { addToTotal, type Accumulators } from './accumulators';
import { backstop } from './backstop';
import { basicMedical } from './basic-medical';
import { coversCriticalIllness, criticalIllness } from './critical-illness';
import { medicalAssistance } from './medical-assistance';
import { supplementary } from './supplementary';
import { termsFor } from './terms';

/** How one bill splits between the five layers and the patient, in fen; the amounts sum to T. */
export interface Settlement {
  readonly basicMedical: Fen;
  readonly criticalIllness: Fen;
  readonly supplementary: Fen;
  readonly medicalAssistance: Fen;
  readonly backstop: Fen;
  readonly outOfPocket: Fen;
  /** The member's accumulators for the service year after this bill. */
  readonly accumulators: Accumulators;
}

/** The amounts of a Settlement in the order the rules list them. */
export const SETTLEMENT_AMOUNTS = [
  'basicMedical',
  'criticalIllness',
  'supplementary',
  'medicalAssistance',
  'backstop',
  'outOfPocket',
] as const satisfies readonly (keyof Settlement)[];

/**
 * Splits one bill between the five layers, in order, each layer paying from what the ones
 * before it left (docs/settlement.md, "The five layers").
 *
 * `accumulators` are the member's for the bill's service year (a new year starts from
 * `emptyAccumulators()`), and `policy` the region's for that year. Pure: the inputs are not
 * changed; the new accumulators come back with the settlement.
 *
 * Throws a RangeError for input that parseBill would have refused (amounts outside
 * [0, MAX_AMOUNT_FEN] or not whole fen, E > T), for a policy of another year, and for annual
 * totals past 2^53 fen: none of these has a meaningful settlement.
 */
export function settle(bill: Bill, accumulators: Accumulators, policy: Policy): Settlement {
  checkSettleable(bill, policy);
  const terms = termsFor(policy, bill.categories);
  const year = accumulators;
  const eligible = bill.eligibleCost;

  const p1 = basicMedical(terms.basicMedical, bill, year);
  const criticalBase = eligible - p1;
  const p2 = criticalIllness(terms.criticalIllness, bill, year, criticalBase);
  const supplementaryBase = criticalBase - p2;
  const p3 = supplementary(terms.supplementary, year, supplementaryBase);
  const p4 = medicalAssistance(terms.medicalAssistance, bill, year, supplementaryBase - p3);
  const p5 = backstop(terms.backstop, bill, year, bill.totalCost - p1 - p2 - p3 - p4);
  const outOfPocket = bill.totalCost - p1 - p2 - p3 - p4 - p5;

  // A layer's base counts towards its annual deductible only on bills the layer covers.
  const inpatient = bill.visitType === 'INPATIENT';
  return {
    basicMedical: p1,
    criticalIllness: p2,
    supplementary: p3,
    medicalAssistance: p4,
    backstop: p5,
    outOfPocket,
    accumulators: {
      basicInpatientPaid: inpatient ? addToTotal(year.basicInpatientPaid, p1) : year.basicInpatientPaid,
      basicChronicPaid: inpatient ? year.basicChronicPaid : addToTotal(year.basicChronicPaid, p1),
      criticalIllnessBase: coversCriticalIllness(terms.criticalIllness, bill)
        ? addToTotal(year.criticalIllnessBase, criticalBase)
        : year.criticalIllnessBase,
      criticalIllnessPaid: addToTotal(year.criticalIllnessPaid, p2),
      supplementaryBase: terms.supplementary
        ? addToTotal(year.supplementaryBase, supplementaryBase)
        : year.supplementaryBase,
      supplementaryPaid: addToTotal(year.supplementaryPaid, p3),
      medicalAssistancePaid: addToTotal(year.medicalAssistancePaid, p4),
      outOfPocket: addToTotal(year.outOfPocket, outOfPocket),
    },
  };
}

function checkSettleable(bill: Bill, policy: Policy): void {
  const { totalCost, eligibleCost } = bill;
  if (!isAmount(totalCost) || !isAmount(eligibleCost) || eligibleCost > totalCost) {
    throw new RangeError(
      `bill ${bill.claimId}: amounts must be whole fen with 0 ≤ eligibleCost ≤ totalCost ≤ ${MAX_AMOUNT_FEN}`,
    );
  }
  if (yearOf(bill.serviceDate) !== policy.year) {
    throw new RangeError(
      `bill ${bill.claimId} of ${bill.serviceDate} cannot be settled under the ${policy.year} policy`,
    );
  }
}

function isAmount(fen: Fen): boolean {
  return Number.isInteger(fen) && fen >= 0 && fen <= MAX_AMOUNT_FEN;
}
