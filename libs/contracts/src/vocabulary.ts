/** Codes shared by every topic. Values are stable: agencies store them. */
export const MEMBER_CATEGORIES = ['EXTREME_POOR', 'POOR', 'LOW_INCOME', 'MARGINAL'] as const;
/** 特困供养 / 建档立卡贫困 / 低保 / 边缘户·监测对象 */
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];

export const RELATIONS = [
  'HEAD',
  'SPOUSE',
  'CHILD',
  'PARENT',
  'GRANDPARENT',
  'GRANDCHILD',
  'SIBLING',
  'OTHER',
] as const;
export type Relation = (typeof RELATIONS)[number];

export const DISEASE_KINDS = ['MAJOR', 'CHRONIC'] as const;
/** MAJOR: a major disease on the region's list (大病); CHRONIC: a chronic disease for outpatient care (门诊慢病). */
export type DiseaseKind = (typeof DISEASE_KINDS)[number];

/** The five layers in settlement order. */
export const LAYERS = ['basicMedical', 'criticalIllness', 'supplementary', 'medicalAssistance', 'backstop'] as const;
export type Layer = (typeof LAYERS)[number];

/** Who pays each layer (the fund's books the amount is charged to). */
export const FUND_OF_LAYER = {
  basicMedical: 'BASIC_MEDICAL_INSURANCE_FUND',
  criticalIllness: 'CRITICAL_ILLNESS_INSURANCE',
  supplementary: 'COMMERCIAL_SUPPLEMENTARY_INSURANCE',
  medicalAssistance: 'MEDICAL_ASSISTANCE_FUND',
  backstop: 'GOVERNMENT_BACKSTOP_FUND',
} as const satisfies Record<Layer, string>;
export type Fund = (typeof FUND_OF_LAYER)[Layer];

/** 先诊疗后付费: in county the hospital advanced the money; out of county the household did (打卡结算). */
export const PAYEES = ['HOSPITAL', 'HOUSEHOLD_BANK_CARD'] as const;
export type Payee = (typeof PAYEES)[number];

/**
 * The aid programme a payable belongs to. Only medical aid is paid today; premium subsidies,
 * temporary assistance and the living allowance are named now so that agencies can code
 * against the whole list.
 */
export const PROGRAMMES = ['MEDICAL', 'PREMIUM_SUBSIDY', 'TEMPORARY_ASSISTANCE', 'LIVING_ALLOWANCE'] as const;
export type Programme = (typeof PROGRAMMES)[number];

/** Yuan as a decimal string with exactly two decimals, e.g. "8500.00". Never a float. */
export type Yuan = string;
/** A calendar date, YYYY-MM-DD. */
export type CalendarDate = string;

/**
 * The policy regions: the `region` of the files in config/policies (a lint test keeps the two
 * equal). Enrollment refuses a household of any other region; claims finds its policies by it.
 */
export const REGIONS = ['keshiketeng', 'linxian', 'xingan-league', 'zhangwu'] as const;
export type Region = (typeof REGIONS)[number];

// ILLUSTRATIVE codes after the national lists of major diseases for special relief (大病专项救治)
// and of chronic outpatient diseases (门诊慢特病); a region may certify fewer.
const MAJOR_DISEASES = [
  'LEUKEMIA',
  'CONGENITAL-HEART-DISEASE',
  'UREMIA',
  'LUNG-CANCER',
  'ESOPHAGEAL-CANCER',
  'GASTRIC-CANCER',
  'COLORECTAL-CANCER',
  'LIVER-CANCER',
  'BREAST-CANCER',
  'CERVICAL-CANCER',
  'HEMOPHILIA',
  'APLASTIC-ANEMIA',
  'TYPE-1-DIABETES',
  'CLEFT-LIP-PALATE',
  'MDR-TUBERCULOSIS',
  'SCHIZOPHRENIA',
] as const;
const CHRONIC_DISEASES = [
  'HYPERTENSION',
  'DIABETES',
  'COPD',
  'CORONARY-HEART-DISEASE',
  'CHRONIC-HEART-FAILURE',
  'STROKE-SEQUELAE',
  'CHRONIC-HEPATITIS',
  'RHEUMATOID-ARTHRITIS',
  'TUBERCULOSIS',
  'EPILEPSY',
  'PARKINSONS-DISEASE',
  'UREMIA',
] as const;

/** The disease codes each region certifies, by kind. */
export const DISEASE_CODES_OF_REGION: Record<Region, Record<DiseaseKind, readonly string[]>> = {
  keshiketeng: { MAJOR: MAJOR_DISEASES, CHRONIC: CHRONIC_DISEASES },
  linxian: { MAJOR: MAJOR_DISEASES, CHRONIC: CHRONIC_DISEASES },
  'xingan-league': { MAJOR: MAJOR_DISEASES, CHRONIC: CHRONIC_DISEASES },
  zhangwu: { MAJOR: MAJOR_DISEASES, CHRONIC: CHRONIC_DISEASES },
};

/** Every code of a kind that some region certifies: what an edge can check before it knows the region. */
export function diseaseCodesOfKind(kind: DiseaseKind): string[] {
  return [...new Set(REGIONS.flatMap((r) => DISEASE_CODES_OF_REGION[r][kind]))].sort();
}

export function isRegion(v: string): v is Region {
  return (REGIONS as readonly string[]).includes(v);
}
