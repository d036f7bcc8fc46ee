import type { CalendarDate, DiseaseKind, MemberCategory, Relation } from './vocabulary';

/**
 * Events on `aid.enrollment.v1`, keyed by household id. Personal data (names, ID and bank
 * card numbers) never appears here: it stays in enrollment's erasable store.
 */
export interface Address {
  province: string;
  city: string;
  county: string;
  township: string;
  village: string;
}

/** 建档立卡: a household is registered as poor. */
export interface HouseholdRegisteredV1 {
  householdId: string;
  /** Policy region the household belongs to, e.g. `xingan-league`. */
  region: string;
  address: Address;
  registeredOn: CalendarDate;
  /** Categories of every member of the household from `registeredOn`. */
  categories: MemberCategory[];
}

export interface MemberAddedV1 {
  householdId: string;
  memberId: string;
  relation: Relation;
  birthDate: CalendarDate;
  sex: 'MALE' | 'FEMALE';
  /** Categories of this member in addition to the household's. */
  categories: MemberCategory[];
  addedOn: CalendarDate;
}

/** The member is enrolled in basic medical insurance for a calendar year. */
export interface MemberInsuredV1 {
  householdId: string;
  memberId: string;
  year: number;
  /** Premium for the year, and the part a subsidy paid (资助参保), yuan strings. */
  premium: string;
  premiumSubsidy: string;
}

export interface DiseaseCertifiedV1 {
  householdId: string;
  memberId: string;
  kind: DiseaseKind;
  /** The region's code of the disease, e.g. `LEUKEMIA`. */
  diseaseCode: string;
  certifiedOn: CalendarDate;
}

export interface EnrollmentEvents {
  HouseholdRegistered: HouseholdRegisteredV1;
  MemberAdded: MemberAddedV1;
  MemberInsured: MemberInsuredV1;
  DiseaseCertified: DiseaseCertifiedV1;
}
