import { Checker, isRecord, type FieldProblem } from './check';
import { checkFields, field, objectSchema, type Fields, type JsonSchema } from './fields';
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
 * its newest schema version, the fields of that version (which check data here and make the
 * JSON Schemas in libs/contracts/schemas/), and the upcasters that turn every older version
 * into the newest. Producers map their internal events to these types
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
/** Turns one version's data into the next version's. */
type Upcaster = (data: Data) => Data;

interface EventContract {
  /** The newest version: the one producers publish and consumers are handed. */
  schemaVersion: number;
  /** What happened, for the schema agencies read. */
  description: string;
  /** The newest version's fields: they check data at the topic edge and make the JSON Schema. */
  fields: Fields;
  /** `upcast[n]` turns version n into version n + 1, for every n from 1 below `schemaVersion`. */
  upcast?: Record<number, Upcaster>;
}

/** Typed at the definition, unchecked at the call: the newest version's check runs on the result. */
const upcaster = <From, To>(up: (data: From) => To): Upcaster => up as unknown as Upcaster;

// Payouts published before programmes existed were medical aid, and their type named the payee.
const hospitalReimbursementV1toV2 = upcaster((v1: HospitalReimbursementOwedV1): HospitalReimbursementOwedV2 => ({
  ...v1,
  programme: 'MEDICAL',
  payee: 'HOSPITAL',
}));
const bankCardPaymentV1toV2 = upcaster((v1: BankCardPaymentDueV1): BankCardPaymentDueV2 => ({
  ...v1,
  programme: 'MEDICAL',
  payee: 'HOUSEHOLD_BANK_CARD',
}));

const { id, date, month, yuan, boolean, text, integer, oneOf, exactly, listOf, object, sequence } = field;
const year = integer(2000, 2100);
const FUNDS = Object.values(FUND_OF_LAYER);

const registry: { [T in keyof ContractEvents]: { [E in keyof ContractEvents[T]]: EventContract } } = {
  'aid.enrollment.v1': {
    HouseholdRegistered: {
      schemaVersion: 1,
      description:
        'A household is registered as poor (建档立卡); its categories apply to every member from registeredOn.',
      fields: {
        householdId: id,
        region: id,
        address: object({
          province: text(100),
          city: text(100),
          county: text(100),
          township: text(100),
          village: text(100),
        }),
        registeredOn: date,
        categories: listOf(MEMBER_CATEGORIES),
      },
    },
    MemberAdded: {
      schemaVersion: 1,
      description: 'A member of the household, without personal data; categories are its own, beside the household’s.',
      fields: {
        householdId: id,
        memberId: id,
        relation: oneOf(RELATIONS),
        birthDate: date,
        sex: oneOf(['MALE', 'FEMALE']),
        categories: listOf(MEMBER_CATEGORIES),
        addedOn: date,
      },
    },
    MemberInsured: {
      schemaVersion: 1,
      description:
        'The member is enrolled in basic medical insurance for a calendar year; premiumSubsidy is the part a subsidy paid.',
      fields: { householdId: id, memberId: id, year, premium: yuan, premiumSubsidy: yuan },
    },
    DiseaseCertified: {
      schemaVersion: 1,
      description: 'A certified major (大病) or chronic (门诊慢病) disease of the member.',
      fields: { householdId: id, memberId: id, kind: oneOf(DISEASE_KINDS), diseaseCode: id, certifiedOn: date },
    },
  },
  'aid.claims.v1': {
    BillSettled: {
      schemaVersion: 1,
      description:
        'One bill settled through the five layers in one step (一单式结算): the layers in order, their amounts and outOfPocket summing to totalCost.',
      fields: {
        claimId: id,
        memberId: id,
        householdId: id,
        hospitalId: id,
        region: id,
        year,
        admissionDate: date,
        dischargeDate: date,
        visitType: oneOf(['INPATIENT', 'CHRONIC_OUTPATIENT']),
        facilityLevel: oneOf(['PRIMARY', 'SECONDARY', 'TERTIARY']),
        inCounty: boolean,
        totalCost: yuan,
        eligibleCost: yuan,
        categories: listOf(MEMBER_CATEGORIES),
        insured: boolean,
        majorDisease: boolean,
        layers: sequence(
          LAYERS.map((layer) => ({ layer: exactly(layer), fund: exactly(FUND_OF_LAYER[layer]), amount: yuan })),
          `must list the ${LAYERS.length} layers in order`,
        ),
        outOfPocket: yuan,
        payee: oneOf(PAYEES),
      },
    },
  },
  'aid.payout.v1': {
    HospitalReimbursementOwed: {
      schemaVersion: 2,
      description:
        'In county: a fund owes the hospital that advanced the money (先诊疗后付费); month is the discharge month (月拨付).',
      fields: {
        claimId: id,
        householdId: id,
        memberId: id,
        hospitalId: id,
        programme: oneOf(PROGRAMMES),
        payee: exactly('HOSPITAL'),
        fund: oneOf(FUNDS),
        amount: yuan,
        year,
        month,
      },
      upcast: { 1: hospitalReimbursementV1toV2 },
    },
    BankCardPaymentDue: {
      schemaVersion: 2,
      description:
        'Out of county: a fund owes the household, paid to its bank card (打卡结算); month is the discharge month.',
      fields: {
        claimId: id,
        householdId: id,
        memberId: id,
        programme: oneOf(PROGRAMMES),
        payee: exactly('HOUSEHOLD_BANK_CARD'),
        fund: oneOf(FUNDS),
        amount: yuan,
        year,
        month,
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
function upcastToNewest(
  type: string,
  entry: EventContract,
  version: unknown,
  data: Data,
): { ok: true; data: Data } | { ok: false; problem: FieldProblem } {
  const unknownVersion = {
    ok: false as const,
    problem: {
      field: 'schemaVersion',
      message: `${type} v${String(version)} is unknown (v1 to v${entry.schemaVersion} are read)`,
    },
  };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > entry.schemaVersion)
    return unknownVersion;
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
  if (!entry)
    return { ok: false, ignored: true, reason: `${topic} has no event type ${envelope.type} in this version` };
  if (!isRecord(envelope.data))
    return { ok: false, ignored: false, problems: [{ field: 'data', message: 'must be an object' }] };
  const upcast = upcastToNewest(envelope.type, entry, envelope.schemaVersion, envelope.data);
  if (!upcast.ok) return { ok: false, ignored: false, problems: [upcast.problem] };
  const c = new Checker('data');
  checkFields(c, entry.fields, upcast.data);
  if (c.problems.length > 0) return { ok: false, ignored: false, problems: c.problems };
  const newest = { ...envelope, schemaVersion: entry.schemaVersion, data: upcast.data };
  return {
    ok: true,
    event: { type: envelope.type, data: upcast.data, envelope: newest } as unknown as ContractEvent<T>,
  };
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
export function checkPublicEvent(
  topic: ContractTopic,
  event: { type: string; schemaVersion: number; data: unknown },
): FieldProblem[] {
  const entry = contractOf(topic, event.type);
  if (!entry) return [{ field: 'type', message: `${topic} has no event type ${event.type}` }];
  if (event.schemaVersion !== entry.schemaVersion) {
    return [
      {
        field: 'schemaVersion',
        message: `${event.type} is published at v${entry.schemaVersion}, not v${event.schemaVersion}`,
      },
    ];
  }
  if (!isRecord(event.data)) return [{ field: 'data', message: 'must be an object' }];
  const c = new Checker('data');
  checkFields(c, entry.fields, event.data);
  return c.problems;
}

/**
 * The JSON Schema (draft 2020-12) of the newest version of every public event, by the path it is
 * committed at under libs/contracts/schemas/. Older versions are not described: consumers read
 * them upcast (docs/topics.md).
 */
export function contractSchemas(): { path: string; schema: JsonSchema; text: string }[] {
  return (Object.values(TOPIC_NAMES) as ContractTopic[]).flatMap((topic) =>
    contractTypes(topic).map((type) => {
      const entry = contractOf(topic, type)!;
      const schema = {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `urn:aid-ledger:schemas:${topic}:${type}:v${entry.schemaVersion}`,
        title: `${type} v${entry.schemaVersion} on ${topic}`,
        description: entry.description,
        ...objectSchema(entry.fields),
      };
      return {
        path: `${topic}/${type}.v${entry.schemaVersion}.schema.json`,
        schema,
        text: `${JSON.stringify(schema, null, 2)}\n`,
      };
    }),
  );
}
