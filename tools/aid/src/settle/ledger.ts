import type { Accumulators } from '@aid/settlement';
import { ByteKeys } from './byte-keys';

const FIELDS = 8;

/**
 * Each member's accumulators per calendar year for one run, a new year starting from zero.
 * Held as numbers in a Float64Array (exact for safe integers) rather than one object per
 * member-year, so that the objects settle() returns die young instead of piling up in the
 * old generation. Members are named by the bytes of their id (see ByteKeys).
 */
export class Ledger {
  private readonly years = new Map<number, { members: ByteKeys; values: Float64Array }>();

  /** Where a member-year's accumulators are; a new member-year's are all zero, as a year starts. */
  slotOf(year: number, memberId: Uint8Array, start: number, end: number): { values: Float64Array; at: number } {
    let book = this.years.get(year);
    if (book === undefined)
      this.years.set(year, (book = { members: new ByteKeys(), values: new Float64Array(FIELDS << 12) }));
    const member = book.members.numberOf(memberId, start, end);
    if ((member + 1) * FIELDS > book.values.length) {
      const bigger = new Float64Array(book.values.length * 2);
      bigger.set(book.values);
      book.values = bigger;
    }
    return { values: book.values, at: member * FIELDS };
  }
}

export function readAccumulators(values: Float64Array, at: number): Accumulators {
  return {
    basicInpatientPaid: values[at],
    basicChronicPaid: values[at + 1],
    criticalIllnessBase: values[at + 2],
    criticalIllnessPaid: values[at + 3],
    supplementaryBase: values[at + 4],
    supplementaryPaid: values[at + 5],
    medicalAssistancePaid: values[at + 6],
    outOfPocket: values[at + 7],
  };
}

export function writeAccumulators(values: Float64Array, at: number, a: Accumulators): void {
  values[at] = a.basicInpatientPaid;
  values[at + 1] = a.basicChronicPaid;
  values[at + 2] = a.criticalIllnessBase;
  values[at + 3] = a.criticalIllnessPaid;
  values[at + 4] = a.supplementaryBase;
  values[at + 5] = a.supplementaryPaid;
  values[at + 6] = a.medicalAssistancePaid;
  values[at + 7] = a.outOfPocket;
}
