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
  'facilityLevel',
  'inCounty',
  'totalCost',
  'eligibleCost',
] as const;

const ID = { pattern: ID_PATTERN, hint: ID_HINT };

/** Checks a submitted bill at the HTTP edge; every bad field is named, nothing is guessed. */
export function parseBillSubmission(body: unknown): BillSubmission {
  if (!isRecord(body)) throw new InputError([{ field: 'body', message: 'must be a JSON object' }]);
  const c = new Checker();
  c.noOtherFields(body, FIELDS);
  const claimId = c.string(body, 'claimId', ID);
  const memberId = c.string(body, 'memberId', ID);
  const hospitalId = c.string(body, 'hospitalId', ID);
  const admissionDate = c.date(body, 'admissionDate');
  const dischargeDate = c.date(body, 'dischargeDate');
  const visitType = c.oneOf(body, 'visitType', ['INPATIENT', 'CHRONIC_OUTPATIENT'] as const);
  const facilityLevel = c.oneOf(body, 'facilityLevel', ['PRIMARY', 'SECONDARY', 'TERTIARY'] as const);
  const inCounty = c.boolean(body, 'inCounty');
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
    facilityLevel,
    inCounty,
    // Canonical two decimals, so "3" and "3.00" are the same bill when it comes again.
    totalCost: formatYuan(total!),
    eligibleCost: formatYuan(eligible!),
  };
}
