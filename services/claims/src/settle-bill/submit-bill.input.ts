import { Checker, ID_HINT, ID_PATTERN, isRecord } from '@aid/contracts';
import { InputError } from '@aid/platform';
import { formatYuan, parseYuan } from '@aid/money';
import type { BillSubmission } from './domain/claim-events';

const FIELDS = [
  'claimId',
  'memberId',
  'hospitalId',
  'admissionDate',
  'dischargeDate',
  'visitType',
  'totalCost',
  'eligibleCost',
] as const;

/** Taken from the facilities registry now; a hospital still sending them is told so, not ignored. */
const FROM_THE_REGISTRY = ['facilityLevel', 'inCounty'];

/** No bill of this system is older: a date before it is a typing error (1900, 0019...). */
export const EARLIEST_ADMISSION = '2000-01-01';

/** The one id rule of the project (letters, digits, . _ : -, not only dots, at most 64). */
export const ID = { max: 64, pattern: ID_PATTERN, hint: ID_HINT };

/** Checks a submitted bill at the HTTP edge; every bad field is named, nothing is guessed. */
export function parseBillSubmission(body: unknown): BillSubmission {
  if (!isRecord(body)) throw new InputError([{ field: 'body', message: 'must be a JSON object' }]);
  const c = new Checker();
  for (const field of FROM_THE_REGISTRY) {
    if (field in body) {
      c.fail(
        field,
        "is no longer accepted: the level and the in-county flag are the facilities registry's (GET /facilities/{hospitalId})",
      );
    }
  }
  c.noOtherFields(Object.fromEntries(Object.entries(body).filter(([k]) => !FROM_THE_REGISTRY.includes(k))), FIELDS);
  const claimId = c.string(body, 'claimId', ID);
  const memberId = c.string(body, 'memberId', ID);
  const hospitalId = c.string(body, 'hospitalId', ID);
  const admissionDate = c.date(body, 'admissionDate');
  const dischargeDate = c.date(body, 'dischargeDate');
  const visitType = c.oneOf(body, 'visitType', ['INPATIENT', 'CHRONIC_OUTPATIENT'] as const);
  const amount = (field: 'totalCost' | 'eligibleCost'): number | null => {
    const parsed = parseYuan(body[field]);
    if (!parsed.ok) {
      c.fail(field, parsed.reason);
      return null;
    }
    return parsed.value;
  };
  const total = amount('totalCost');
  const eligible = amount('eligibleCost');
  if (total !== null && eligible !== null && eligible > total) {
    c.fail('eligibleCost', 'must not exceed totalCost');
  }
  if (admissionDate && admissionDate < EARLIEST_ADMISSION) {
    c.fail('admissionDate', `must not be before ${EARLIEST_ADMISSION}`);
  }
  if (admissionDate && dischargeDate && admissionDate > dischargeDate) {
    c.fail('dischargeDate', 'must not be before admissionDate');
  }
  if (c.problems.length > 0) throw new InputError(c.problems);
  return {
    claimId,
    memberId,
    hospitalId,
    admissionDate,
    dischargeDate,
    visitType,
    // Canonical two decimals, so "3" and "3.00" are the same bill when it comes again.
    totalCost: formatYuan(total!),
    eligibleCost: formatYuan(eligible!),
  };
}
