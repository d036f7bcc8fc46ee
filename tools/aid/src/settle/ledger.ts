import type { Accumulators } from '@aid/settlement';
import { ByteKeys } from './byte-keys';
import { grown } from './grow';

const FIELDS = 8;

/**
 * Each member's accumulators per calendar year for one run, a new year starting from zero.
 * Held as numbers in a Float64Array (exact for safe integers) rather than one object per
 * member-year, so that the objects settle() returns die young instead of piling up in the
 * old generation. Members are named by the bytes of their id (see ByteKeys).
 *
 * One member-year is open at a time: `open` it, then `read` and `write` its accumulators.
 */
export class Ledger {
  private readonly years = new Map<number, { members: ByteKeys; values: Float64Array }>();
  private values: Float64Array = new Float64Array(0);
  private at = 0;

  /**
   * @param expectedMembers a guess of the members a year will have, to size tables up front
   *   (the accumulators' array is only touched as members come, so a generous guess is free)
   */
  constructor(private readonly expectedMembers = 1024) {}

  open(year: number, memberId: Uint8Array, start: number, end: number): void {
    let book = this.years.get(year);
    if (book === undefined) {
      book = { members: new ByteKeys(this.expectedMembers), values: new Float64Array(FIELDS * this.expectedMembers) };
      this.years.set(year, book);
    }
    const member = book.members.numberOf(memberId, start, end);
    // A new member-year's accumulators are all zero, as a year starts.
    if ((member + 1) * FIELDS > book.values.length) book.values = grown(book.values, (member + 1) * FIELDS);
    this.values = book.values;
    this.at = member * FIELDS;
  }

  read(): Accumulators {
    const { values, at } = this;
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

  write(a: Accumulators): void {
    const { values, at } = this;
    values[at] = a.basicInpatientPaid;
    values[at + 1] = a.basicChronicPaid;
    values[at + 2] = a.criticalIllnessBase;
    values[at + 3] = a.criticalIllnessPaid;
    values[at + 4] = a.supplementaryBase;
    values[at + 5] = a.supplementaryPaid;
    values[at + 6] = a.medicalAssistancePaid;
    values[at + 7] = a.outOfPocket;
  }
}
