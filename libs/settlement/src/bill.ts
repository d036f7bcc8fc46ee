import { describeValue, parseYuan, type Fen } from '@aid/money';
import {
  CATEGORIES,
  FACILITY_LEVELS,
  VISIT_TYPES,
  isCategory,
  isFacilityLevel,
  isVisitType,
  type Category,
  type FacilityLevel,
  type VisitType,
} from './vocabulary';

/** One medical bill, amounts in integer fen (docs/settlement.md, "A bill"). */
export interface Bill {
  readonly claimId: string;
  readonly memberId: string;
  /** `YYYY-MM-DD`; its year picks the policy and the annual accumulators. */
  readonly serviceDate: string;
  readonly visitType: VisitType;
  readonly facilityLevel: FacilityLevel;
  /** At a designated facility inside the county. */
  readonly inCounty: boolean;
  /** T, the whole bill. */
  readonly totalCost: Fen;
  /** E, the part inside the insurance catalogue; 0 ≤ E ≤ T. */
  readonly eligibleCost: Fen;
  /** The member's categories at the date of service. */
  readonly categories: readonly Category[];
  /** Enrolled in basic medical insurance for the service year. */
  readonly insured: boolean;
  /** A certified major disease on the region's list. */
  readonly majorDisease: boolean;
}

/** The fields of a bill as it travels (JSON), in the order the rules list them. */
export const BILL_FIELDS = [
  'claimId',
  'memberId',
  'serviceDate',
  'visitType',
  'facilityLevel',
  'inCounty',
  'totalCost',
  'eligibleCost',
  'categories',
  'insured',
  'majorDisease',
] as const;

export interface FieldError {
  /** The field, e.g. `eligibleCost` or `categories[1]`. */
  readonly field: string;
  readonly message: string;
}

export type BillParse =
  { readonly ok: true; readonly bill: Bill } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** The calendar year of a valid `YYYY-MM-DD` date. */
export function yearOf(date: string): number {
  // Read digit by digit rather than through a substring: this runs for every bill settled.
  const digit = (i: number) => date.charCodeAt(i) - 48;
  return digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  return isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Whether the day exists in the proleptic Gregorian calendar (2019-02-29 does not). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A bill as decoded JSON (yuan strings) to a Bill in fen, or every problem with it, each
 * naming its field.
 */
export function parseBill(raw: unknown): BillParse {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: '(bill)', message: `must be a JSON object, not ${describeValue(raw)}` }] };
  }
  const input = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  const problem = (field: string, message: string): void => void errors.push({ field, message });

  for (const key of Object.keys(input)) {
    if (!(BILL_FIELDS as readonly string[]).includes(key)) problem(key, 'unknown field');
  }
  for (const field of BILL_FIELDS) {
    if (!Object.hasOwn(input, field)) problem(field, 'missing');
  }
  const present = (field: (typeof BILL_FIELDS)[number]): boolean => Object.hasOwn(input, field);

  const text = (field: 'claimId' | 'memberId'): string => {
    const value = input[field];
    if (!present(field)) return '';
    if (typeof value !== 'string' || value === '') problem(field, `must be a non-empty string, not ${describeValue(value)}`);
    return String(value);
  };
  const flag = (field: 'inCounty' | 'insured' | 'majorDisease'): boolean => {
    const value = input[field];
    if (present(field) && typeof value !== 'boolean') problem(field, `must be true or false, not ${describeValue(value)}`);
    return value === true;
  };
  const amount = (field: 'totalCost' | 'eligibleCost'): Fen | undefined => {
    if (!present(field)) return undefined;
    const parsed = parseYuan(input[field]);
    if (parsed.ok) return parsed.value;
    problem(field, parsed.reason);
    return undefined;
  };
  const oneOf = <T extends string>(
    field: 'visitType' | 'facilityLevel',
    known: readonly T[],
    is: (v: unknown) => v is T,
  ): T => {
    const value = input[field];
    if (present(field) && !is(value))
      problem(field, `unknown ${field} ${describeValue(value)}; expected one of ${known.join(', ')}`);
    return value as T;
  };

  const claimId = text('claimId');
  const memberId = text('memberId');
  const serviceDate = input.serviceDate;
  if (present('serviceDate') && (typeof serviceDate !== 'string' || !isCalendarDate(serviceDate))) {
    problem('serviceDate', `must be a calendar date YYYY-MM-DD, not ${describeValue(serviceDate)}`);
  }
  const visitType = oneOf('visitType', VISIT_TYPES, isVisitType);
  const facilityLevel = oneOf('facilityLevel', FACILITY_LEVELS, isFacilityLevel);
  const inCounty = flag('inCounty');
  const totalCost = amount('totalCost');
  const eligibleCost = amount('eligibleCost');
  if (totalCost !== undefined && eligibleCost !== undefined && eligibleCost > totalCost) {
    problem('eligibleCost', `${input.eligibleCost} is more than totalCost ${input.totalCost}`);
  }
  const categories = readCategories(input.categories, present('categories'), problem);
  const insured = flag('insured');
  const majorDisease = flag('majorDisease');

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    bill: {
      claimId,
      memberId,
      serviceDate: serviceDate as string,
      visitType,
      facilityLevel,
      inCounty,
      totalCost: totalCost as Fen,
      eligibleCost: eligibleCost as Fen,
      categories,
      insured,
      majorDisease,
    },
  };
}

function readCategories(
  value: unknown,
  present: boolean,
  problem: (field: string, message: string) => void,
): Category[] {
  if (!present) return [];
  if (!Array.isArray(value)) {
    problem('categories', `must be a list of categories, not ${describeValue(value)}`);
    return [];
  }
  value.forEach((item, i) => {
    if (!isCategory(item))
      problem(`categories[${i}]`, `unknown category ${describeValue(item)}; expected one of ${CATEGORIES.join(', ')}`);
  });
  return [...(value as Category[])];
}
