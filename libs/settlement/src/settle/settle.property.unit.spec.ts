import fc from 'fast-check';
import type { Bill } from '../bill';
import { formatRate, formatYuan, type Fen } from '@aid/money';
import { resolve } from '../overrides';
import { parsePolicy } from '../policy/parse-policy';
import type { Cap, Policy } from '../policy/policy';
import { ledgerKey, settleInOrder, type Ledger } from '../testing/builders';
import { CATEGORIES, FACILITY_LEVELS, VISIT_TYPES, type Category } from '../vocabulary';
import type { Accumulators } from './accumulators';
import { SETTLEMENT_AMOUNTS, type Settlement } from './settle';

// ---- random policies, as a policy office could write them ----------------------------

const rate = fc.integer({ min: 0, max: 10_000 }).map(formatRate);
const amount = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 30_000_000 })).map(formatYuan);
const cap = fc.option(amount, { nil: null });
const categoryList = fc.subarray([...CATEGORIES]);

/** `{x, xFor}` with overrides for a random subset of categories. */
function withOverrides<T>(
  key: string,
  value: fc.Arbitrary<T>,
  override: fc.Arbitrary<unknown> = value,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({ base: value, categories: categoryList, overrides: fc.array(override, { minLength: 4, maxLength: 4 }) })
    .map(({ base, categories, overrides }) => ({
      [key]: base,
      ...(categories.length > 0 && { [`${key}For`]: Object.fromEntries(categories.map((c, i) => [c, overrides[i]])) }),
    }));
}
const byLevel = <T>(value: fc.Arbitrary<T>) => fc.record({ PRIMARY: value, SECONDARY: value, TERTIARY: value });

const tiers = fc
  .record({
    steps: fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 0, maxLength: 3 }),
    rates: fc.array(rate, { minLength: 4, maxLength: 4 }),
    openEnded: fc.boolean(),
  })
  .map(({ steps, rates, openEnded }) => {
    let upTo = 0;
    const list: { upTo: string | null; rate: string }[] = steps.map((step, i) => ({
      upTo: formatYuan((upTo += step)),
      rate: rates[i],
    }));
    if (openEnded || list.length === 0) list.push({ upTo: null, rate: rates[3] });
    return list;
  });

const merge = (...parts: Record<string, unknown>[]): Record<string, unknown> => Object.assign({}, ...parts);

const basicMedical = fc
  .tuple(
    withOverrides('deductible', byLevel(amount)),
    withOverrides('rate', byLevel(rate)),
    withOverrides('outOfCountyRateReduction', rate),
    withOverrides('annualCap', cap),
    fc.record({
      waiveDeductibleInCountyFor: categoryList,
      rateBonus: fc.dictionary(fc.constantFrom(...CATEGORIES), rate),
    }),
    fc.option(fc.tuple(withOverrides('rate', rate), withOverrides('annualCap', cap)).map((parts) => merge(...parts))),
  )
  .map(([a, b, c, d, e, chronic]) => merge(a, b, c, d, e, chronic ? { chronicOutpatient: chronic } : {}));
const criticalIllness = fc
  .tuple(withOverrides('deductible', amount), withOverrides('tiers', tiers), withOverrides('annualCap', cap))
  .map((parts) => merge(...parts));
const supplementary = fc
  .tuple(
    fc.record({ for: categoryList }),
    withOverrides('deductible', amount),
    withOverrides('rate', rate),
    withOverrides('annualCap', cap),
  )
  .map((parts) => merge(...parts));
const medicalAssistance = fc
  .tuple(
    fc.record({ for: categoryList }),
    withOverrides('majorDiseasesOnly', fc.boolean()),
    withOverrides('rate', rate),
    withOverrides('annualCap', cap),
  )
  .map((parts) => merge(...parts));
const backstop = fc
  .tuple(
    fc.record({ for: categoryList }),
    withOverrides('maxShareOfTotal', fc.option(rate, { nil: null })),
    withOverrides('annualOutOfPocketCap', cap),
    withOverrides('inCountyOnly', fc.boolean()),
  )
  .map((parts) => merge(...parts));

const layers = fc.record(
  { basicMedical, criticalIllness, supplementary, medicalAssistance, backstop },
  { requiredKeys: [] },
);

function policyOf(raw: Record<string, unknown>, year: number): Policy {
  const parsed = parsePolicy({ region: 'random', year, layers: raw });
  if (!parsed.ok) throw new Error(`generated an invalid policy: ${JSON.stringify(parsed.errors)}`);
  return parsed.policy;
}

// ---- a random year (or two) of bills for a few members --------------------------------

interface Member {
  readonly categories: Category[];
  readonly insured: boolean;
}
const members = fc.array(fc.record({ categories: categoryList, insured: fc.boolean() }), {
  minLength: 1,
  maxLength: 4,
});
const fen = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.integer({ min: 0, max: 200_000 }),
  fc.integer({ min: 0, max: 50_000_000 }),
);
const billShape = fc.record({
  member: fc.nat(),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  visitType: fc.constantFrom(...VISIT_TYPES),
  facilityLevel: fc.constantFrom(...FACILITY_LEVELS),
  inCounty: fc.boolean(),
  majorDisease: fc.boolean(),
  ineligible: fen,
  eligible: fen,
});

type BillShape = typeof billShape extends fc.Arbitrary<infer T> ? T : never;

function billsOf(shapes: readonly BillShape[], people: readonly Member[], years: readonly number[]): Bill[] {
  return shapes.map((shape, i) => {
    const person = people[shape.member % people.length];
    const year = years[i % years.length];
    return {
      claimId: `C${i}`,
      memberId: `M${shape.member % people.length}`,
      serviceDate: `${year}-${String(shape.month).padStart(2, '0')}-${String(shape.day).padStart(2, '0')}`,
      visitType: shape.visitType,
      facilityLevel: shape.facilityLevel,
      inCounty: shape.inCounty,
      totalCost: shape.eligible + shape.ineligible,
      eligibleCost: shape.eligible,
      categories: person.categories,
      insured: person.insured,
      majorDisease: shape.majorDisease,
    };
  });
}

const aYear = fc.record({
  layers,
  people: members,
  shapes: fc.array(billShape, { minLength: 1, maxLength: 40 }),
});

const RUNS = 1000;

/** A plain check: jest's expect is too slow to call some 100,000 times per property. */
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

describe('settlement properties over random policies and years of bills', () => {
  it('amounts are whole fen ≥ 0 that sum to the bill, and layers 1–4 pay at most the eligible cost', () => {
    fc.assert(
      fc.property(aYear, ({ layers: raw, people, shapes }) => {
        const policy = policyOf(raw, 2019);
        const bills = billsOf(shapes, people, [2019]);
        const { settlements } = settleInOrder(bills, () => policy);
        settlements.forEach((s, i) => {
          for (const key of SETTLEMENT_AMOUNTS)
            check(Number.isSafeInteger(s[key]) && s[key] >= 0, `${key} = ${s[key]}`);
          check(
            SETTLEMENT_AMOUNTS.reduce((sum, key) => sum + s[key], 0) === bills[i].totalCost,
            'amounts do not sum to T',
          );
          check(
            s.basicMedical + s.criticalIllness + s.supplementary + s.medicalAssistance <= bills[i].eligibleCost,
            'layers 1–4 paid more than E',
          );
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('no annual cap is ever exceeded', () => {
    fc.assert(
      fc.property(aYear, ({ layers: raw, people, shapes }) => {
        const policy = policyOf(raw, 2019);
        const bills = billsOf(shapes, people, [2019]);
        const { settlements } = settleInOrder(bills, () => policy);
        const {
          basicMedical: l1,
          criticalIllness: l2,
          supplementary: l3,
          medicalAssistance: l4,
          backstop: l5,
        } = policy.layers;
        const before = new Map<string, Accumulators>();
        settlements.forEach((s, i) => {
          const bill = bills[i];
          const c = bill.categories;
          const after = s.accumulators;
          const within = (name: string, total: Fen, limit: Cap | undefined) =>
            check(limit == null || total <= limit, `${name} ${total} is above its cap ${limit}`);
          within('basic inpatient', after.basicInpatientPaid, l1 && resolve(l1.annualCap, c));
          within(
            'basic chronic',
            after.basicChronicPaid,
            l1?.chronicOutpatient && resolve(l1.chronicOutpatient.annualCap, c),
          );
          within('critical illness', after.criticalIllnessPaid, l2 && resolve(l2.annualCap, c));
          within('supplementary', after.supplementaryPaid, l3 && resolve(l3.annualCap, c));
          within('medical assistance', after.medicalAssistancePaid, l4 && resolve(l4.annualCap, c));
          // The backstop keeps each bill's out-of-pocket within what is left of its annual cap.
          const outOfPocketCap = l5 && resolve(l5.annualOutOfPocketCap, c);
          const backstopApplies =
            l5 &&
            c.some((x) => l5.for.includes(x)) &&
            (bill.inCounty || !resolve(l5.inCountyOnly, c)) &&
            outOfPocketCap != null;
          if (backstopApplies) {
            const previous = before.get(ledgerKey(bill))?.outOfPocket ?? 0;
            check(
              after.outOfPocket <= Math.max(previous, outOfPocketCap),
              `out-of-pocket ${after.outOfPocket} above its cap`,
            );
          }
          before.set(ledgerKey(bill), after);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('settling bills in one run equals settling them in two, with the accumulators carried over (through JSON)', () => {
    fc.assert(
      fc.property(aYear, fc.nat(), ({ layers: raw, people, shapes }, cut) => {
        const policies = new Map([2019, 2020].map((year) => [year, policyOf(raw, year)]));
        const policyFor = (year: number) => policies.get(year)!;
        // Bills alternate between two years, so a run also crosses the year boundary.
        const bills = billsOf(shapes, people, [2019, 2019, 2020]);
        const split = cut % (bills.length + 1);

        const once = settleInOrder(bills, policyFor);
        const first = settleInOrder(bills.slice(0, split), policyFor);
        const stored: Ledger = new Map(JSON.parse(JSON.stringify([...first.ledger])));
        const second = settleInOrder(bills.slice(split), policyFor, stored);

        const amounts = (list: Settlement[]) => list.map((s) => SETTLEMENT_AMOUNTS.map((key) => s[key]));
        expect(amounts([...first.settlements, ...second.settlements])).toEqual(amounts(once.settlements));
        expect(new Map(second.ledger)).toEqual(new Map(once.ledger));
      }),
      { numRuns: RUNS },
    );
  });
});
