import { describeValue, formatYuan, parseRate, parseYuan, type Fen, type Rate } from '@aid/money';
import type { Overridable } from '../overrides';
import { CATEGORIES, FACILITY_LEVELS, isCategory, type Category } from '../vocabulary';
import type {
  BackstopLayer,
  BasicMedicalLayer,
  ByLevel,
  Cap,
  ChronicOutpatientCover,
  CriticalIllnessLayer,
  Layers,
  MedicalAssistanceLayer,
  Policy,
  ReviewRule,
  SupplementaryLayer,
  Tier,
} from './policy';

export type PathSegment = string | number;

export interface PolicyError {
  /** The key's path as people write it: `layers.criticalIllness.tiers[1].upTo`. */
  readonly path: string;
  /** The same path as keys and list indexes, for tools that map it back to a file position. */
  readonly segments: readonly PathSegment[];
  readonly message: string;
}

export type PolicyParse =
  { readonly ok: true; readonly policy: Policy } | { readonly ok: false; readonly errors: readonly PolicyError[] };

/**
 * A policy as decoded from YAML or JSON (yuan and rates as strings) to a typed Policy, or
 * every problem found, each naming the key's path. Nothing is defaulted silently except
 * what the rules leave optional: caps and limits (absent: none), lists of categories and
 * rate bonuses (absent: empty), `outOfCountyRateReduction` (absent: 0), the flags
 * `majorDiseasesOnly` and `inCountyOnly` (absent: false), `chronicOutpatient` (absent: no
 * chronic outpatient cover) and `review` (absent: no bill is held for review).
 */
export function parsePolicy(raw: unknown): PolicyParse {
  const problems = new Problems();
  const policy = readMapping(raw, [], problems, readPolicy);
  // Readers leave placeholders where they found a problem; such a policy is never returned.
  if (problems.list.length > 0) return { ok: false, errors: problems.list };
  // Frozen, because settlement works out each policy's terms once and keeps them (terms.ts).
  return { ok: true, policy: deepFreeze(policy) };
}

/** Freezes what the parser built (it copies everything it keeps, so no input is frozen). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export function formatPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}

class Problems {
  readonly list: PolicyError[] = [];

  add(at: readonly PathSegment[], message: string): void {
    this.list.push({ path: formatPath(at) || '(policy)', segments: at, message });
  }
}

/** Reads one value; on a problem it records it and returns a placeholder (see parsePolicy). */
type ValueReader<T> = (value: unknown, at: readonly PathSegment[], problems: Problems) => T;

const INVALID = undefined as never;

/** Reads the keys of one mapping, and at the end refuses every key nobody asked for. */
class MappingReader {
  private readonly known: string[] = [];

  constructor(
    private readonly source: Readonly<Record<string, unknown>>,
    readonly at: readonly PathSegment[],
    readonly problems: Problems,
  ) {}

  required<T>(key: string, read: ValueReader<T>): T {
    this.known.push(key);
    if (!Object.hasOwn(this.source, key)) {
      this.problems.add([...this.at, key], 'missing required parameter');
      return INVALID;
    }
    return read(this.source[key], [...this.at, key], this.problems);
  }

  optional<T>(key: string, read: ValueReader<T>, absent: T): T {
    this.known.push(key);
    return Object.hasOwn(this.source, key) ? read(this.source[key], [...this.at, key], this.problems) : absent;
  }

  /** `key` and its `keyFor` overrides, read with the same reader. */
  overridable<T>(key: string, read: ValueReader<T>, absent?: { value: T }): Overridable<T> {
    const value = absent ? this.optional(key, read, absent.value) : this.required(key, read);
    const overrides = this.optional(`${key}For`, (raw, at, problems) => readOverrides(raw, at, problems, read), {});
    return { value, overrides };
  }

  finish(): void {
    for (const key of Object.keys(this.source)) {
      if (!this.known.includes(key)) {
        this.problems.add([...this.at, key], `unknown key; expected one of ${this.known.join(', ')}`);
      }
    }
  }
}

function readMapping<T>(
  value: unknown,
  at: readonly PathSegment[],
  problems: Problems,
  read: (m: MappingReader) => T,
): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add(at, `must be a mapping, not ${describeValue(value)}`);
    return INVALID;
  }
  const reader = new MappingReader(value as Record<string, unknown>, at, problems);
  const result = read(reader);
  reader.finish();
  return result;
}

function mapping<T>(read: (m: MappingReader) => T): ValueReader<T> {
  return (value, at, problems) => readMapping(value, at, problems, read);
}

function readOverrides<T>(
  value: unknown,
  at: readonly PathSegment[],
  problems: Problems,
  read: ValueReader<T>,
): Partial<Record<Category, T>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add(at, `must be a mapping from category to value, not ${describeValue(value)}`);
    return {};
  }
  const overrides: Partial<Record<Category, T>> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (isCategory(key)) overrides[key] = read(raw, [...at, key], problems);
    else problems.add([...at, key], `unknown category; expected one of ${CATEGORIES.join(', ')}`);
  }
  return overrides;
}

// ---- values ---------------------------------------------------------------------------

const amount: ValueReader<Fen> = (value, at, problems) => {
  const parsed = parseYuan(value);
  if (parsed.ok) return parsed.value;
  problems.add(at, parsed.reason);
  return INVALID;
};

const rate: ValueReader<Rate> = (value, at, problems) => {
  const parsed = parseRate(value);
  if (parsed.ok) return parsed.value;
  problems.add(at, parsed.reason);
  return INVALID;
};

/** `null` is allowed where the parameter is a cap or a limit: it means "no cap". */
const cap: ValueReader<Cap> = (value, at, problems) => (value === null ? null : amount(value, at, problems));
const shareLimit: ValueReader<Rate | null> = (value, at, problems) =>
  value === null ? null : rate(value, at, problems);

const flag: ValueReader<boolean> = (value, at, problems) => {
  if (typeof value === 'boolean') return value;
  problems.add(at, `must be true or false, not ${describeValue(value)}`);
  return INVALID;
};

const nonEmptyText: ValueReader<string> = (value, at, problems) => {
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.add(at, `must be a non-empty string, not ${describeValue(value)}`);
  return INVALID;
};

const calendarYear: ValueReader<number> = (value, at, problems) => {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1000 && value <= 9999) return value;
  problems.add(at, `must be a four-digit year such as 2019, not ${describeValue(value)}`);
  return INVALID;
};

const categoryList: ValueReader<readonly Category[]> = (value, at, problems) => {
  if (!Array.isArray(value)) {
    problems.add(at, `must be a list of categories, not ${describeValue(value)}`);
    return INVALID;
  }
  value.forEach((item, i) => {
    if (!isCategory(item))
      problems.add([...at, i], `unknown category ${describeValue(item)}; expected one of ${CATEGORIES.join(', ')}`);
  });
  return [...(value as Category[])];
};

const ratePerCategory: ValueReader<Partial<Record<Category, Rate>>> = (value, at, problems) =>
  readOverrides(value, at, problems, rate);

function byLevel<T>(read: ValueReader<T>): ValueReader<ByLevel<T>> {
  return mapping((m) => ({
    PRIMARY: m.required(FACILITY_LEVELS[0], read),
    SECONDARY: m.required(FACILITY_LEVELS[1], read),
    TERTIARY: m.required(FACILITY_LEVELS[2], read),
  }));
}

const tiers: ValueReader<readonly Tier[]> = (value, at, problems) => {
  if (!Array.isArray(value)) {
    problems.add(at, `must be a list of {upTo, rate}, not ${describeValue(value)}`);
    return INVALID;
  }
  if (value.length === 0) problems.add(at, 'must list at least one tier');
  const list = value.map((item, i) =>
    readMapping(item, [...at, i], problems, (m): Tier => ({
      upTo: m.required('upTo', cap),
      rate: m.required('rate', rate),
    })),
  );
  // Each tier starts where the previous one ends, so the ends must rise from 0.
  let previousEnd: Fen | undefined = 0; // undefined: unknown, so nothing to compare with
  list.forEach((tier, i) => {
    const upTo = tier?.upTo;
    const upToAt = [...at, i, 'upTo'];
    if (upTo === null && i < list.length - 1) {
      problems.add(upToAt, 'only the last tier may be open-ended (upTo: null)');
    } else if (upTo != null && previousEnd !== undefined && upTo <= previousEnd) {
      problems.add(upToAt, `must be above ${i === 0 ? 'zero' : `the previous tier's upTo ${formatYuan(previousEnd)}`}`);
    }
    previousEnd = upTo ?? undefined;
  });
  return list;
};

// ---- policy and layers ----------------------------------------------------------------

function readPolicy(m: MappingReader): Policy {
  const policy = {
    region: m.required('region', nonEmptyText),
    year: m.required('year', calendarYear),
    layers: m.required('layers', mapping(readLayers)),
  };
  const review = m.optional('review', mapping(readReview), undefined);
  return review ? { ...policy, review } : policy;
}

function readReview(m: MappingReader): ReviewRule {
  return { billTotalAbove: m.required('billTotalAbove', amount) };
}

function readLayers(m: MappingReader): Layers {
  const basicMedical = m.optional('basicMedical', mapping(readBasicMedical), undefined);
  const criticalIllness = m.optional('criticalIllness', mapping(readCriticalIllness), undefined);
  const supplementary = m.optional('supplementary', mapping(readSupplementary), undefined);
  const medicalAssistance = m.optional('medicalAssistance', mapping(readMedicalAssistance), undefined);
  const backstop = m.optional('backstop', mapping(readBackstop), undefined);
  // A left-out layer is left out of the object too, so that a policy round-trips through JSON.
  return {
    ...(basicMedical && { basicMedical }),
    ...(criticalIllness && { criticalIllness }),
    ...(supplementary && { supplementary }),
    ...(medicalAssistance && { medicalAssistance }),
    ...(backstop && { backstop }),
  };
}

function readBasicMedical(m: MappingReader): BasicMedicalLayer {
  const layer = {
    deductible: m.overridable('deductible', byLevel(amount)),
    waiveDeductibleInCountyFor: m.optional('waiveDeductibleInCountyFor', categoryList, []),
    rate: m.overridable('rate', byLevel(rate)),
    outOfCountyRateReduction: m.overridable('outOfCountyRateReduction', rate, { value: 0 }),
    rateBonus: m.optional('rateBonus', ratePerCategory, {}),
    annualCap: m.overridable('annualCap', cap, { value: null }),
  };
  const chronicOutpatient = m.optional('chronicOutpatient', mapping(readChronicOutpatient), undefined);
  return chronicOutpatient ? { ...layer, chronicOutpatient } : layer;
}

function readChronicOutpatient(m: MappingReader): ChronicOutpatientCover {
  return {
    rate: m.overridable('rate', rate),
    annualCap: m.overridable('annualCap', cap, { value: null }),
  };
}

function readCriticalIllness(m: MappingReader): CriticalIllnessLayer {
  return {
    deductible: m.overridable('deductible', amount),
    tiers: m.overridable('tiers', tiers),
    annualCap: m.overridable('annualCap', cap, { value: null }),
  };
}

function readSupplementary(m: MappingReader): SupplementaryLayer {
  return {
    for: m.required('for', categoryList),
    deductible: m.overridable('deductible', amount),
    rate: m.overridable('rate', rate),
    annualCap: m.overridable('annualCap', cap, { value: null }),
  };
}

function readMedicalAssistance(m: MappingReader): MedicalAssistanceLayer {
  return {
    for: m.required('for', categoryList),
    majorDiseasesOnly: m.overridable('majorDiseasesOnly', flag, { value: false }),
    rate: m.overridable('rate', rate),
    annualCap: m.overridable('annualCap', cap, { value: null }),
  };
}

function readBackstop(m: MappingReader): BackstopLayer {
  return {
    for: m.required('for', categoryList),
    maxShareOfTotal: m.overridable('maxShareOfTotal', shareLimit, { value: null }),
    annualOutOfPocketCap: m.overridable('annualOutOfPocketCap', cap, { value: null }),
    inCountyOnly: m.overridable('inCountyOnly', flag, { value: false }),
  };
}
