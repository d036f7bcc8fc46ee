import type { CalendarDate, Fund, Layer, MemberCategory, Payee, Yuan } from './vocabulary';

/** Events on `aid.claims.v1`, keyed by household id. */

/** 一单式结算: one bill settled through the five layers in one step. */
export interface BillSettledV1 {
  claimId: string;
  memberId: string;
  householdId: string;
  hospitalId: string;
  region: string;
  /** The policy year (the service year). */
  year: number;
  admissionDate: CalendarDate;
  /** The service date of POLICY.md. */
  dischargeDate: CalendarDate;
  visitType: 'INPATIENT' | 'CHRONIC_OUTPATIENT';
  facilityLevel: 'PRIMARY' | 'SECONDARY' | 'TERTIARY';
  inCounty: boolean;
  totalCost: Yuan;
  eligibleCost: Yuan;
  /** What the member was on the discharge date, as settled. */
  categories: MemberCategory[];
  insured: boolean;
  majorDisease: boolean;
  /** Each layer's amount and the fund that pays it, in settlement order. */
  layers: { layer: Layer; fund: Fund; amount: Yuan }[];
  outOfPocket: Yuan;
  /** Who is owed the layers' money: the hospital that advanced it, or the household. */
  payee: Payee;
}

export interface ClaimsEvents {
  BillSettled: BillSettledV1;
}
