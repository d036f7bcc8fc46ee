import type { Fen, Rate } from '@aid/money';
import { resolve } from '../overrides';
import type { ByLevel, Cap, Policy, Tier } from '../policy/policy';
import { CATEGORIES, hasAnyCategory, type Category } from '../vocabulary';

/**
 * The terms one member gets from a policy: every `xFor` override resolved for their
 * categories, and every condition on categories (`for`, `waiveDeductibleInCountyFor`,
 * `rateBonus`) decided. A layer is absent when the policy has none or does not cover the
 * member's categories. What is left for the layers to look at is the bill itself.
 */
export interface MemberTerms {
  readonly basicMedical?: BasicMedicalTerms;
  readonly criticalIllness?: CriticalIllnessTerms;
  readonly supplementary?: SupplementaryTerms;
  readonly medicalAssistance?: MedicalAssistanceTerms;
  readonly backstop?: BackstopTerms;
}

export interface BasicMedicalTerms {
  readonly deductible: ByLevel<Fen>;
  /** The member has a category whose in-county inpatient deductible is waived. */
  readonly deductibleWaivedInCounty: boolean;
  readonly rate: ByLevel<Rate>;
  readonly outOfCountyRateReduction: Rate;
  /** The largest `rateBonus` among the member's categories (0 if none). */
  readonly rateBonus: Rate;
  readonly annualCap: Cap;
  readonly chronicOutpatient?: { readonly rate: Rate; readonly annualCap: Cap };
}

export interface CriticalIllnessTerms {
  readonly deductible: Fen;
  readonly tiers: readonly Tier[];
  readonly annualCap: Cap;
}

export interface SupplementaryTerms {
  readonly deductible: Fen;
  readonly rate: Rate;
  readonly annualCap: Cap;
}

export interface MedicalAssistanceTerms {
  readonly majorDiseasesOnly: boolean;
  readonly rate: Rate;
  readonly annualCap: Cap;
}

export interface BackstopTerms {
  readonly maxShareOfTotal: Rate | null;
  readonly annualOutOfPocketCap: Cap;
  readonly inCountyOnly: boolean;
}

/**
 * The terms for a member with these categories. Only the set of categories matters, and
 * there are sixteen sets, so each policy's terms are worked out once per set and kept
 * (policies are immutable: parsePolicy freezes them).
 */
export function termsFor(policy: Policy, categories: readonly Category[]): MemberTerms {
  let bySet = cache.get(policy);
  if (bySet === undefined) cache.set(policy, (bySet = []));
  const set = categorySet(categories);
  return (bySet[set] ??= memberTerms(policy, categories));
}

const cache = new WeakMap<Policy, MemberTerms[]>();

/** The categories as a bit set, bit i standing for CATEGORIES[i]. */
function categorySet(categories: readonly Category[]): number {
  let set = 0;
  for (const category of categories) set |= 1 << CATEGORIES.indexOf(category);
  return set;
}

function memberTerms({ layers }: Policy, categories: readonly Category[]): MemberTerms {
  const { basicMedical, criticalIllness, supplementary, medicalAssistance, backstop } = layers;
  const terms: {
    -readonly [Layer in keyof MemberTerms]: MemberTerms[Layer];
  } = {};
  if (basicMedical) {
    const chronic = basicMedical.chronicOutpatient;
    terms.basicMedical = {
      deductible: resolve(basicMedical.deductible, categories),
      deductibleWaivedInCounty: hasAnyCategory(categories, basicMedical.waiveDeductibleInCountyFor),
      rate: resolve(basicMedical.rate, categories),
      outOfCountyRateReduction: resolve(basicMedical.outOfCountyRateReduction, categories),
      // 两倾斜: the largest bonus among the member's categories, not their sum.
      rateBonus: Math.max(0, ...categories.map((c) => basicMedical.rateBonus[c] ?? 0)),
      annualCap: resolve(basicMedical.annualCap, categories),
      ...(chronic && {
        chronicOutpatient: {
          rate: resolve(chronic.rate, categories),
          annualCap: resolve(chronic.annualCap, categories),
        },
      }),
    };
  }
  if (criticalIllness) {
    terms.criticalIllness = {
      deductible: resolve(criticalIllness.deductible, categories),
      tiers: resolve(criticalIllness.tiers, categories),
      annualCap: resolve(criticalIllness.annualCap, categories),
    };
  }
  if (supplementary && hasAnyCategory(categories, supplementary.for)) {
    terms.supplementary = {
      deductible: resolve(supplementary.deductible, categories),
      rate: resolve(supplementary.rate, categories),
      annualCap: resolve(supplementary.annualCap, categories),
    };
  }
  if (medicalAssistance && hasAnyCategory(categories, medicalAssistance.for)) {
    terms.medicalAssistance = {
      majorDiseasesOnly: resolve(medicalAssistance.majorDiseasesOnly, categories),
      rate: resolve(medicalAssistance.rate, categories),
      annualCap: resolve(medicalAssistance.annualCap, categories),
    };
  }
  if (backstop && hasAnyCategory(categories, backstop.for)) {
    terms.backstop = {
      maxShareOfTotal: resolve(backstop.maxShareOfTotal, categories),
      annualOutOfPocketCap: resolve(backstop.annualOutOfPocketCap, categories),
      inCountyOnly: resolve(backstop.inCountyOnly, categories),
    };
  }
  return terms;
}
