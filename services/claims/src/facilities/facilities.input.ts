import { Checker, FUND_OF_LAYER, isRecord, type Fund } from '@aid/contracts';
import { InputError } from '@aid/platform';
import { ID } from '../settle-bill/submit-bill.input';
import { FACILITY_LEVELS, type Facility, type FacilityDetails } from './domain/facility-events';

const FUNDS = Object.values(FUND_OF_LAYER) as Fund[];
const DETAIL_FIELDS = [
  'name',
  'level',
  'county',
  'region',
  'inCounty',
  'designatedFrom',
  'designatedUntil',
  'accounts',
];
const TEXT = { max: 200 };
/**
 * Bank account numbers as Chinese banks issue them: personal cards 16 to 19 digits, unit
 * (对公) accounts 9 to 25; no spaces or dashes, so that a copy is compared digit by digit.
 */
export const ACCOUNT_PATTERN = /^\d{9,25}$/;

function body(raw: unknown): Record<string, unknown> {
  if (!isRecord(raw)) throw new InputError([{ field: 'body', message: 'must be a JSON object' }]);
  return raw;
}

function details(b: Record<string, unknown>, c: Checker): FacilityDetails {
  const name = c.string(b, 'name', TEXT);
  const level = c.oneOf(b, 'level', FACILITY_LEVELS);
  const county = c.string(b, 'county', TEXT);
  const region = c.string(b, 'region', ID);
  const inCounty = c.boolean(b, 'inCounty');
  const designatedFrom = c.date(b, 'designatedFrom');
  const designatedUntil =
    b.designatedUntil === undefined || b.designatedUntil === null ? null : c.date(b, 'designatedUntil');
  if (designatedFrom && designatedUntil && designatedUntil < designatedFrom) {
    c.fail('designatedUntil', 'must not be before designatedFrom');
  }
  const rawAccounts = c.object(b, 'accounts');
  const accounts: Partial<Record<Fund, string>> = {};
  for (const [fund, account] of Object.entries(rawAccounts)) {
    if (!(FUNDS as string[]).includes(fund))
      c.fail(`accounts.${fund}`, `is not a fund; expected one of ${FUNDS.join(', ')}`);
    else if (typeof account !== 'string' || !ACCOUNT_PATTERN.test(account)) {
      c.fail(`accounts.${fund}`, 'must be a bank account number of 9 to 25 digits, without spaces');
    } else accounts[fund as Fund] = account;
  }
  return { name, level, county, region, inCounty, designatedFrom, designatedUntil, accounts };
}

/** `POST /facilities`: the id and every detail. */
export function parseDesignation(raw: unknown): Facility {
  const b = body(raw);
  const c = new Checker();
  c.noOtherFields(b, ['facilityId', ...DETAIL_FIELDS]);
  const facilityId = c.string(b, 'facilityId', ID);
  const d = details(b, c);
  if (c.problems.length > 0) throw new InputError(c.problems);
  return { facilityId, ...d };
}

/** `PUT /facilities/:id`: every detail, replacing the recorded ones. */
export function parseDetails(facilityId: string, raw: unknown): Facility {
  const b = body(raw);
  const c = new Checker();
  c.noOtherFields(b, DETAIL_FIELDS);
  const d = details(b, c);
  if (c.problems.length > 0) throw new InputError(c.problems);
  return { facilityId, ...d };
}

/** `POST /facilities/:id/end`: the last day of designation, and why. */
export function parseEnd(raw: unknown): { until: string; reason: string } {
  const b = body(raw);
  const c = new Checker();
  c.noOtherFields(b, ['until', 'reason']);
  const until = c.date(b, 'until');
  const reason = c.string(b, 'reason', { max: 500 });
  if (c.problems.length > 0) throw new InputError(c.problems);
  return { until, reason };
}

export function checkFacilityId(facilityId: string): void {
  const c = new Checker();
  c.string({ facilityId }, 'facilityId', ID);
  if (c.problems.length > 0) throw new InputError(c.problems);
}
