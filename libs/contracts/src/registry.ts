import { Checker, isRecord, type FieldProblem } from './check';
import type { ClaimsEvents } from './claims-events';
import type { EnrollmentEvents } from './enrollment-events';
import type { EventEnvelope } from './envelope';
import type {
  BankCardPaymentDueV1,
  BankCardPaymentDueV2,
  HospitalReimbursementOwedV1,
  HospitalReimbursementOwedV2,
  PayoutEvents,
} from './payout-events';
import { DISEASE_KINDS, FUND_OF_LAYER, LAYERS, MEMBER_CATEGORIES, PAYEES, PROGRAMMES, RELATIONS } from './vocabulary';

/**
 * The registry of what each topic carries, and the only list of it: each public event type,
 * its newest schema version, a check of that version's data, and the upcasters that turn
 * every older version into the newest. Producers map their internal events to these types
 * (each service's `public-events/`) and their contract tests check the result here;
 * consumers check every message at the topic edge, so a bad one is dead-lettered with its
 * problems named instead of corrupting a read model, and an old one reaches them upcast.
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

type Data = Record<string, unknown>;
type Check = (c: Checker, d: Data) => void;
/** Turns one version's data into the next version's. */
type Upcaster = (data: Data) => Data;

interface EventContract {
  /** The newest version: the one producers publish and consumers are handed. */
  schemaVersion: number;
  /** Checks data of the newest version. */
  check: Check;
  /** `upcast[n]` turns version n into version n + 1, for every n from 1 below `schemaVersion`. */
  upcast?: Record<number, Upcaster>;
}

const ID = { max: 64, pattern: /^[A-Za-z0-9._:-]+$/, hint: 'must be an id of letters, digits, . _ : -' };
const MONTH = { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, hint: 'must be YYYY-MM' };
const FUNDS = Object.values(FUND_OF_LAYER);

/** Typed at the definition, unchecked at the call: the newest version's check runs on the result. */
const upcaster = <From, To>(up: (data: From) => To): Upcaster => up as unknown as Upcaster;

// Payouts published before programmes existed were medical aid, and their type named the payee.
const hospitalReimbursementV1toV2 = upcaster(
  (v1: HospitalReimbursementOwedV1): HospitalReimbursementOwedV2 => ({ ...v1, programme: 'MEDICAL', payee: 'HOSPITAL' }),
);
const bankCardPaymentV1toV2 = upcaster(
  (v1: BankCardPaymentDueV1): BankCardPaymentDueV2 => ({ ...v1, programme: 'MEDICAL', payee: 'HOUSEHOLD_BANK_CARD' }),
);

const registry: { [T in keyof ContractEvents]: { [E in keyof ContractEvents[T]]: EventContract } } = {
  'aid.enrollment.v1': {
    HouseholdRegistered: {
      schemaVersion: 1,
      check(c, d) {
        c.string(d, 'householdId', ID);
        c.string(d, 'region', ID);
        const a = c.object(d, 'address');
        const ac = c.nested('address');
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
        c.oneOf(d, 'payee', PAYEES);
        const layers = d.layers;
        if (!Array.isArray(layers) || layers.length !== LAYERS.length) {
          c.fail('layers', `must list the ${LAYERS.length} layers in order`);
          return;
        }
        layers.forEach((l, i) => {
          const lc = c.nested(`layers[${i}]`);
          if (!isRecord(l)) return c.fail(`layers[${i}]`, 'must be an object');
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
      schemaVersion: 2,
      check(c, d) {
        for (const f of ['claimId', 'householdId', 'memberId', 'hospitalId']) c.string(d, f, ID);
        c.oneOf(d, 'programme', PROGRAMMES);
        c.oneOf(d, 'payee', ['HOSPITAL'] as const);
        c.oneOf(d, 'fund', FUNDS);
        c.yuan(d, 'amount');
        c.integer(d, 'year', 2000, 2100);
        c.string(d, 'month', MONTH);
      },
      upcast: { 1: hospitalReimbursementV1toV2 },
    },
    BankCardPaymentDue: {
      schemaVersion: 2,
      check(c, d) {
        for (const f of ['claimId', 'householdId', 'memberId']) c.string(d, f, ID);
        c.oneOf(d, 'programme', PROGRAMMES);
        c.oneOf(d, 'payee', ['HOUSEHOLD_BANK_CARD'] as const);
        c.oneOf(d, 'fund', FUNDS);
        c.yuan(d, 'amount');
        c.integer(d, 'year', 2000, 2100);
        c.string(d, 'month', MONTH);
      },
      upcast: { 1: bankCardPaymentV1toV2 },
    },
  },
};

export type ContractTopic = keyof ContractEvents;
export type ContractType<T extends ContractTopic> = Extract<keyof ContractEvents[T], string>;

function contractOf(topic: ContractTopic, type: string): EventContract | undefined {
  return Object.hasOwn(registry[topic], type) ? (registry[topic] as Record<string, EventContract>)[type] : undefined;
}

/** A consumer's view of one message: the newest version of its data, whatever version travelled. */
export type ContractEvent<T extends ContractTopic> = {
  [E in ContractType<T>]: { type: E; data: ContractEvents[T][E]; envelope: EventEnvelope<ContractEvents[T][E]> };
}[ContractType<T>];

export type ContractParse<T extends ContractTopic> =
  | { ok: true; event: ContractEvent<T> }
  | { ok: false; ignored: true; reason: string }
  | { ok: false; ignored: false; problems: FieldProblem[] };

/** Brings data of `version` up to the newest version of its type, or says why it cannot. */
function upcastToNewest(type: string, entry: EventContract, version: unknown, data: Data): { ok: true; data: Data } | { ok: false; problem: FieldProblem } {
  const unknownVersion = {
    ok: false as const,
    problem: { field: 'schemaVersion', message: `${type} v${String(version)} is unknown (v1 to v${entry.schemaVersion} are read)` },
  };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > entry.schemaVersion) return unknownVersion;
  let current = data;
  for (let v = version; v < entry.schemaVersion; v++) {
    const up = entry.upcast?.[v];
    if (!up) return unknownVersion;
    current = up(current);
  }
  return { ok: true, data: current };
}

/**
 * Checks a message from `topic` against the registry and hands back its newest version. An
 * event type the registry does not know is `ignored` (a newer producer may add types; old
 * consumers pass them by); a known type at a version it cannot read, or bad data, is a problem.
 */
export function parseContractEvent<T extends ContractTopic>(topic: T, envelope: EventEnvelope): ContractParse<T> {
  const entry = contractOf(topic, envelope.type);
  if (!entry) return { ok: false, ignored: true, reason: `${topic} has no event type ${envelope.type} in this version` };
  if (!isRecord(envelope.data)) return { ok: false, ignored: false, problems: [{ field: 'data', message: 'must be an object' }] };
  const upcast = upcastToNewest(envelope.type, entry, envelope.schemaVersion, envelope.data);
  if (!upcast.ok) return { ok: false, ignored: false, problems: [upcast.problem] };
  const c = new Checker('data');
  entry.check(c, upcast.data);
  if (c.problems.length > 0) return { ok: false, ignored: false, problems: c.problems };
  const newest = { ...envelope, schemaVersion: entry.schemaVersion, data: upcast.data };
  return { ok: true, event: { type: envelope.type, data: upcast.data, envelope: newest } as unknown as ContractEvent<T> };
}

/** The newest schema version of a public event type, or undefined when the topic has no such type. */
export function schemaVersionOf(topic: ContractTopic, type: string): number | undefined {
  return contractOf(topic, type)?.schemaVersion;
}

/** Every public event type of a topic. */
export function contractTypes<T extends ContractTopic>(topic: T): ContractType<T>[] {
  return Object.keys(registry[topic]) as ContractType<T>[];
}

/** What a producer publishes for one of its internal events: a public type at its newest version. */
export type PublicEvent<T extends ContractTopic = ContractTopic> = {
  [E in ContractType<T>]: { type: E; schemaVersion: number; data: ContractEvents[T][E] };
}[ContractType<T>];

/**
 * Builds a public event, its version taken from the registry. The data's type is the newest
 * version's, so a producer's mapping stops compiling when a type gains a version it does not fill.
 */
export function publicEvent<T extends ContractTopic, E extends ContractType<T>>(
  topic: T,
  type: E,
  data: ContractEvents[T][E],
): PublicEvent<T> {
  const schemaVersion = schemaVersionOf(topic, type);
  if (schemaVersion === undefined) throw new Error(`${topic} has no event type ${type}`);
  return { type, schemaVersion, data } as PublicEvent<T>;
}

/** What is wrong with an event a producer is about to publish: unknown type, not the newest version, bad data. */
export function checkPublicEvent(topic: ContractTopic, event: { type: string; schemaVersion: number; data: unknown }): FieldProblem[] {
  const entry = contractOf(topic, event.type);
  if (!entry) return [{ field: 'type', message: `${topic} has no event type ${event.type}` }];
  if (event.schemaVersion !== entry.schemaVersion) {
    return [{ field: 'schemaVersion', message: `${event.type} is published at v${entry.schemaVersion}, not v${event.schemaVersion}` }];
  }
  if (!isRecord(event.data)) return [{ field: 'data', message: 'must be an object' }];
  const c = new Checker('data');
  entry.check(c, event.data);
  return c.problems;
}
