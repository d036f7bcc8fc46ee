import type { Fen } from '@aid/money';

/**
 * What one member has used of the annual limits in one calendar year, all in integer fen,
 * in the order the rules list them. A plain object of safe integers, so it serialises as
 * is (JSON, event payloads) and a new year starts from `emptyAccumulators()`.
 */
export interface Accumulators {
  /** Basic insurance paid on inpatient bills (against `basicMedical.annualCap`). */
  readonly basicInpatientPaid: Fen;
  /** Basic insurance paid on chronic outpatient bills (against `chronicOutpatient.annualCap`). */
  readonly basicChronicPaid: Fen;
  /** Critical-illness base so far (measured against its annual deductible and tiers). */
  readonly criticalIllnessBase: Fen;
  readonly criticalIllnessPaid: Fen;
  /** Supplementary base so far (measured against its annual deductible). */
  readonly supplementaryBase: Fen;
  readonly supplementaryPaid: Fen;
  readonly medicalAssistancePaid: Fen;
  /** The patient's final out-of-pocket so far (against `backstop.annualOutOfPocketCap`). */
  readonly outOfPocket: Fen;
}

export function emptyAccumulators(): Accumulators {
  return {
    basicInpatientPaid: 0,
    basicChronicPaid: 0,
    criticalIllnessBase: 0,
    criticalIllnessPaid: 0,
    supplementaryBase: 0,
    supplementaryPaid: 0,
    medicalAssistancePaid: 0,
    outOfPocket: 0,
  };
}

/**
 * A running total plus this bill's part. Every single amount is bounded (MAX_AMOUNT_FEN),
 * but a year's total is not; past 2^53 fen (about 90 trillion yuan for one member) it would
 * silently lose fen, so it is refused instead.
 */
export function addToTotal(total: Fen, amount: Fen): Fen {
  const sum = total + amount;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`annual total ${sum} fen is beyond the supported range`);
  return sum;
}
