import { Checker, ID_HINT, ID_PATTERN, isRecord, type MemberCategory } from '@aid/contracts';
import { InputError } from '@aid/platform';
import { parseResidentIdNumber } from '../domain/resident-id-number';

/** Ids a caller may choose (agencies' own ids, readable demo ids); otherwise generated UUIDs. */
const ID = { pattern: ID_PATTERN, hint: ID_HINT };

export function isAbsent(v: unknown): boolean {
  return v === undefined || v === null;
}

/** The request body as an object; anything else is named as `body`. */
export function bodyObject(c: Checker, body: unknown): Record<string, unknown> {
  if (isRecord(body)) return body;
  c.fail('body', 'must be a JSON object');
  return {};
}

export function requiredId(c: Checker, obj: Record<string, unknown>, field: string): string {
  return c.string(obj, field, ID);
}

export function optionalId(c: Checker, obj: Record<string, unknown>, field: string): string | undefined {
  return isAbsent(obj[field]) ? undefined : c.string(obj, field, ID);
}

export function optionalCategories(
  c: Checker,
  obj: Record<string, unknown>,
  field: string,
  allowed: readonly MemberCategory[],
): MemberCategory[] {
  return isAbsent(obj[field]) ? [] : c.listOf(obj, field, allowed);
}

/** An id in the path: a malformed one is bad input, named after its parameter. */
export function pathId(field: string, value: unknown): string {
  const c = new Checker();
  const id = requiredId(c, { [field]: value }, field);
  throwIfProblems(c);
  return id;
}

/** The registry holds no record dated before this (建档立卡 began in 2014; older certificates are kept). */
export const EARLIEST_RECORD_DATE = '2000-01-01';

/**
 * A date the registry records (registeredOn, addedOn, certifiedOn): a calendar date from
 * EARLIEST_RECORD_DATE to today. The deciders check today again; this names the field at the edge.
 */
export function recordDate(c: Checker, obj: Record<string, unknown>, field: string, today: string): string {
  const date = c.date(obj, field);
  if (date && (date < EARLIEST_RECORD_DATE || date > today)) {
    c.fail(field, `must be a date from ${EARLIEST_RECORD_DATE} to today (${today})`);
  }
  return date;
}

export function throwIfProblems(c: Checker): void {
  if (c.problems.length > 0) throw new InputError(c.problems);
}

export interface PersonInput {
  name: string;
  /** The validated number, a check `x` upper-cased. */
  idNumber: string;
  birthDate: string;
  sex: 'MALE' | 'FEMALE';
}

/**
 * Name and resident ID number of a member; birth date and sex are read from the number and,
 * when the caller sends them too, must agree with it. No message repeats the number.
 */
export function personInput(c: Checker, obj: Record<string, unknown>, today: string): PersonInput {
  const name = c.string(obj, 'name', { max: 100 }).trim();
  const parsed = parseResidentIdNumber(obj.idNumber, today);
  if (!parsed.ok) c.fail('idNumber', parsed.reason);
  const fromId = parsed.ok ? parsed.id : null;
  if (!isAbsent(obj.birthDate)) {
    const birthDate = c.date(obj, 'birthDate');
    if (birthDate && fromId && birthDate !== fromId.birthDate)
      c.fail('birthDate', 'does not match the birth date in idNumber');
  }
  if (!isAbsent(obj.sex)) {
    const sex = c.oneOf(obj, 'sex', ['MALE', 'FEMALE'] as const);
    if (fromId && (obj.sex === 'MALE' || obj.sex === 'FEMALE') && sex !== fromId.sex) {
      c.fail('sex', 'does not match the sex in idNumber (17th digit: odd male, even female)');
    }
  }
  return { name, idNumber: fromId?.value ?? '', birthDate: fromId?.birthDate ?? '', sex: fromId?.sex ?? 'MALE' };
}
