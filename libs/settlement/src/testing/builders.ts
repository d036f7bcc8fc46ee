/** Fixture builders for the settlement tests: readable policies and bills, composable. */
import { yearOf, type Bill } from '../bill';
import { formatYuan, parseYuan, type Fen } from '@aid/money';
import { parsePolicy } from '../policy/parse-policy';
import type { Policy } from '../policy/policy';
import { emptyAccumulators, type Accumulators } from '../settle/accumulators';
import { SETTLEMENT_AMOUNTS, settle, type Settlement } from '../settle/settle';

/** "8500.00" → 850000 fen; throws on a typo so a test cannot silently compare with garbage. */
export function yuan(text: string): Fen {
  const parsed = parseYuan(text);
  if (!parsed.ok) throw new Error(`bad amount in test: ${parsed.reason}`);
  return parsed.value;
}

/** A policy from the same YAML-shaped object a policy file holds; throws if it is invalid. */
export function aPolicy(layers: Record<string, unknown>, year = 2019): Policy {
  const parsed = parsePolicy({ region: 'test-county', year, layers });
  if (!parsed.ok)
    throw new Error(`invalid test policy: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.policy;
}

/**
 * The worked example's policy (Xing'an League 2019, all five layers) as its YAML decodes.
 * The file `test-fixtures/xingan-2019.yaml` stays the one source: an int test checks that
 * this copy parses to the same policy, so unit tests get it without reading the file.
 */
export const WORKED_EXAMPLE_POLICY = Object.freeze({
  region: 'xingan-league',
  year: 2019,
  layers: {
    basicMedical: {
      deductible: { PRIMARY: '200', SECONDARY: '500', TERTIARY: '1000' },
      waiveDeductibleInCountyFor: ['POOR', 'EXTREME_POOR'],
      rate: { PRIMARY: '0.90', SECONDARY: '0.80', TERTIARY: '0.65' },
      outOfCountyRateReduction: '0.10',
      rateBonus: { POOR: '0.05' },
      annualCap: '150000',
      chronicOutpatient: { rate: '0.60', annualCap: '3000' },
    },
    criticalIllness: {
      deductible: '10000',
      deductibleFor: { POOR: '5000', EXTREME_POOR: '5000' },
      tiers: [
        { upTo: '50000', rate: '0.60' },
        { upTo: '100000', rate: '0.70' },
        { upTo: null, rate: '0.80' },
      ],
      tiersFor: { POOR: [{ upTo: null, rate: '0.75' }] },
      annualCap: '300000',
      annualCapFor: { POOR: null },
    },
    supplementary: { for: ['POOR'], deductible: '0', rate: '0.50', annualCap: '50000' },
    medicalAssistance: {
      for: ['POOR', 'LOW_INCOME', 'EXTREME_POOR'],
      rate: '0.70',
      rateFor: { EXTREME_POOR: '1.00' },
      annualCap: '10000',
    },
    backstop: { for: ['POOR'], maxShareOfTotal: '0.10', annualOutOfPocketCap: '5000', inCountyOnly: true },
  },
});

/** The worked example's policy, parsed, for the given year. */
export function workedExamplePolicy(year = 2019): Policy {
  const parsed = parsePolicy({ ...WORKED_EXAMPLE_POLICY, year });
  if (!parsed.ok) throw new Error(`invalid worked example policy: ${JSON.stringify(parsed.errors)}`);
  return parsed.policy;
}

/** An insured member's in-county inpatient bill of 10,000 yuan, all of it eligible. */
export function aBill(overrides: Partial<Bill> = {}): Bill {
  return {
    claimId: 'C1',
    memberId: 'M1',
    serviceDate: '2019-06-01',
    visitType: 'INPATIENT',
    facilityLevel: 'SECONDARY',
    inCounty: true,
    totalCost: yuan('10000'),
    eligibleCost: yuan('10000'),
    categories: [],
    insured: true,
    majorDisease: false,
    ...overrides,
  };
}

export function aPoorPatientsBill(overrides: Partial<Bill> = {}): Bill {
  return aBill({ categories: ['POOR'], ...overrides });
}

export function aChronicOutpatientBill(overrides: Partial<Bill> = {}): Bill {
  return aBill({ visitType: 'CHRONIC_OUTPATIENT', facilityLevel: 'PRIMARY', ...overrides });
}

/** Accumulators with some totals already used this year. */
export function accumulatorsWith(used: Partial<Accumulators>): Accumulators {
  return { ...emptyAccumulators(), ...used };
}

/** member + year → accumulators, as a run keeps them. */
export type Ledger = ReadonlyMap<string, Accumulators>;

export function ledgerKey(bill: Bill): string {
  return `${bill.memberId}|${yearOf(bill.serviceDate)}`;
}

/**
 * Settles bills in order as the command does, carrying each member's accumulators per
 * calendar year from `ledger` (empty by default), and returns the settlements and the ledger after.
 */
export function settleInOrder(
  bills: readonly Bill[],
  policyFor: (year: number) => Policy,
  ledger: Ledger = new Map(),
): { settlements: Settlement[]; ledger: Ledger } {
  const next = new Map(ledger);
  const settlements = bills.map((bill) => {
    const key = ledgerKey(bill);
    const settlement = settle(bill, next.get(key) ?? emptyAccumulators(), policyFor(yearOf(bill.serviceDate)));
    next.set(key, settlement.accumulators);
    return settlement;
  });
  return { settlements, ledger: next };
}

/** The amounts of a settlement as yuan strings, for comparing with hand-worked figures. */
export function inYuan(s: Settlement): Record<(typeof SETTLEMENT_AMOUNTS)[number], string> {
  return {
    basicMedical: formatYuan(s.basicMedical),
    criticalIllness: formatYuan(s.criticalIllness),
    supplementary: formatYuan(s.supplementary),
    medicalAssistance: formatYuan(s.medicalAssistance),
    backstop: formatYuan(s.backstop),
    outOfPocket: formatYuan(s.outOfPocket),
  };
}
