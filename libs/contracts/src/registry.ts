import { Checker, isRecord, type FieldProblem } from './check';
import type { ClaimsEvents } from './claims-events';
import type { EnrollmentEvents } from './enrollment-events';
import type { EventEnvelope } from './envelope';
import type { PayoutEvents } from './payout-events';
import { DISEASE_KINDS, FUND_OF_LAYER, LAYERS, MEMBER_CATEGORIES, RELATIONS } from './vocabulary';

/**
 * The registry of what each topic carries: event type, schema version, and a check of
 * the data. Producers check before publishing is unnecessary (the aggregate made it);
 * consumers check every message at the topic edge, so a bad one is dead-lettered with
 * its problems named instead of corrupting a read model.
 */
export const TOPIC_NAMES = {
  enrollment: 'aid.enrollment.v1',
  claims: 'aid.claims.v1',
  payout: 'aid.payout.v1',
} as const;

export interface ContractEvents {
  'aid.enrollment.v1': EnrollmentEvents;
  'aid.claims.v1': ClaimsEvents;
  'aid.payout.v1': PayoutEvents;
}

type Check = (c: Checker, d: Record<string, unknown>) => void;

const ID = { max: 64, pattern: /^[A-Za-z0-9._:-]+$/, hint: 'must be an id of letters, digits, . _ : -' };

const checks: { [T in keyof ContractEvents]: { [E in keyof ContractEvents[T]]: { schemaVersion: number; check: Check } } } = {
  'aid.enrollment.v1': {
    HouseholdRegistered: {
      schemaVersion: 1,
      check(c, d) {
        c.string(d, 'householdId', ID);
        c.string(d, 'region', ID);
        const a = c.object(d, 'address');
        const ac = new Checker('address');
        for (const f of ['province', 'city', 'county', 'township', 'village']) ac.string(a, f, { max: 100 });
        c.problems.push(...ac.problems);
        c.date(d, 'registeredOn');
        c.listOf(d, 'categories', MEMBER_CATEGORIES);
      },
    },
    MemberAdded: {
      schemaVersion: 1,
      check(c, d) {
        c.string(d, 'householdId', ID);
        c.string(d, 'memberId', ID);
        c.oneOf(d, 'relation', RELATIONS);
        c.date(d, 'birthDate');
        c.oneOf(d, 'sex', ['MALE', 'FEMALE'] as const);
        c.listOf(d, 'categories', MEMBER_CATEGORIES);
        c.date(d, 'addedOn');
      },
    },
    MemberInsured: {
      schemaVersion: 1,
      check(c, d) {
        c.string(d, 'householdId', ID);
        c.string(d, 'memberId', ID);
        c.integer(d, 'year', 2000, 2100);
        c.yuan(d, 'premium');
        c.yuan(d, 'premiumSubsidy');
      },
    },
    DiseaseCertified: {
      schemaVersion: 1,
      check(c, d) {
        c.string(d, 'householdId', ID);
        c.string(d, 'memberId', ID);
        c.oneOf(d, 'kind', DISEASE_KINDS);
        c.string(d, 'diseaseCode', ID);
        c.date(d, 'certifiedOn');
      },
    },
  },
  'aid.claims.v1': {
    BillSettled: {
      schemaVersion: 1,
      check(c, d) {
        for (const f of ['claimId', 'memberId', 'householdId', 'hospitalId', 'region']) c.string(d, f, ID);
        c.integer(d, 'year', 2000, 2100);
        c.date(d, 'admissionDate');
        c.date(d, 'dischargeDate');
        c.oneOf(d, 'visitType', ['INPATIENT', 'CHRONIC_OUTPATIENT'] as const);
        c.oneOf(d, 'facilityLevel', ['PRIMARY', 'SECONDARY', 'TERTIARY'] as const);
        c.boolean(d, 'inCounty');
        c.yuan(d, 'totalCost');
        c.yuan(d, 'eligibleCost');
        c.listOf(d, 'categories', MEMBER_CATEGORIES);
        c.boolean(d, 'insured');
        c.boolean(d, 'majorDisease');
        c.yuan(d, 'outOfPocket');
        c.oneOf(d, 'payee', ['HOSPITAL', 'HOUSEHOLD_BANK_CARD'] as const);
        const layers = d.layers;
        if (!Array.isArray(layers) || layers.length !== LAYERS.length) {
          c.fail('layers', `must list the ${LAYERS.length} layers in order`);
          return;
        }
        layers.forEach((l, i) => {
          const lc = new Checker(`layers[${i}]`);
          if (!isRecord(l)) return lc.fail('', 'must be an object');
          const layer = lc.oneOf(l, 'layer', [LAYERS[i]]);
          lc.oneOf(l, 'fund', [FUND_OF_LAYER[layer]]);
          lc.yuan(l, 'amount');
          c.problems.push(...lc.problems);
        });
      },
    },
  },
  'aid.payout.v1': {
    HospitalReimbursementOwed: {
      schemaVersion: 1,
      check(c, d) {
        for (const f of ['claimId', 'householdId', 'memberId', 'hospitalId']) c.string(d, f, ID);
        c.oneOf(d, 'fund', Object.values(FUND_OF_LAYER));
        c.yuan(d, 'amount');
        c.integer(d, 'year', 2000, 2100);
        c.string(d, 'month', { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, hint: 'must be YYYY-MM' });
      },
    },
    BankCardPaymentDue: {
      schemaVersion: 1,
      check(c, d) {
        for (const f of ['claimId', 'householdId', 'memberId']) c.string(d, f, ID);
        c.oneOf(d, 'fund', Object.values(FUND_OF_LAYER));
        c.yuan(d, 'amount');
        c.integer(d, 'year', 2000, 2100);
        c.string(d, 'month', { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, hint: 'must be YYYY-MM' });
      },
    },
  },
};

export type ContractEvent<T extends keyof ContractEvents> = {
  [E in keyof ContractEvents[T]]: { type: E; data: ContractEvents[T][E]; envelope: EventEnvelope };
}[keyof ContractEvents[T]];

export type ContractParse<T extends keyof ContractEvents> =
  | { ok: true; event: ContractEvent<T> }
  | { ok: false; ignored: true; reason: string }
  | { ok: false; ignored: false; problems: FieldProblem[] };

/**
 * Checks a message from `topic` against the registry. An event type the registry does not
 * know is `ignored` (a newer producer may add types; old consumers pass them by); a known
 * type with a schema version it does not know, or bad data, is a problem.
 */
export function parseContractEvent<T extends keyof ContractEvents>(topic: T, envelope: EventEnvelope): ContractParse<T> {
  const entry = (checks[topic] as Record<string, { schemaVersion: number; check: Check }>)[envelope.type];
  if (!entry) return { ok: false, ignored: true, reason: `${topic} has no event type ${envelope.type} in this version` };
  const c = new Checker('data');
  if (envelope.schemaVersion !== entry.schemaVersion) {
    return {
      ok: false,
      ignored: false,
      problems: [{ field: 'schemaVersion', message: `${envelope.type} v${envelope.schemaVersion} is unknown (expected v${entry.schemaVersion})` }],
    };
  }
  if (!isRecord(envelope.data)) return { ok: false, ignored: false, problems: [{ field: 'data', message: 'must be an object' }] };
  entry.check(c, envelope.data);
  if (c.problems.length > 0) return { ok: false, ignored: false, problems: c.problems };
  return { ok: true, event: { type: envelope.type, data: envelope.data, envelope } as unknown as ContractEvent<T> };
}

export function schemaVersionOf(topic: keyof ContractEvents, type: string): number | undefined {
  return (checks[topic] as Record<string, { schemaVersion: number }>)[type]?.schemaVersion;
}
