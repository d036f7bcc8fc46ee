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
