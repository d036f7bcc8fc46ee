import type { Address, CalendarDate, DiseaseKind, MemberCategory, Relation } from '@aid/contracts';

/**
 * Commands on one household stream. Ids are chosen before the command (at the edge), and
 * `today` (the calendar date at the registry, China Standard Time) comes in the command:
 * the decider never reads a clock. Money is integer fen.
 */
export interface RegisterHouseholdData {
  householdId: string;
  region: string;
  address: Address;
  registeredOn: CalendarDate;
  categories: MemberCategory[];
  /** The head of household, registered with the household as its first member. */
  head: { memberId: string; birthDate: CalendarDate; sex: 'MALE' | 'FEMALE'; categories: MemberCategory[] };
  today: CalendarDate;
}

export interface AddMemberData {
  householdId: string;
  memberId: string;
  relation: Relation;
  birthDate: CalendarDate;
  sex: 'MALE' | 'FEMALE';
  categories: MemberCategory[];
  addedOn: CalendarDate;
  today: CalendarDate;
}

export interface InsureMemberData {
  householdId: string;
  memberId: string;
  year: number;
  premiumFen: number;
  premiumSubsidyFen: number;
  today: CalendarDate;
}

export interface CertifyDiseaseData {
  householdId: string;
  memberId: string;
  kind: DiseaseKind;
  diseaseCode: string;
  certifiedOn: CalendarDate;
  today: CalendarDate;
}

export interface ErasePersonalDataData {
  householdId: string;
  memberId: string;
  today: CalendarDate;
}

export interface RegisterBankCardData {
  householdId: string;
  memberId: string;
  /**
   * Chosen at the edge: the reference of the card already on file when the body is the same
   * card again (a retry), a fresh random one otherwise. The number itself never reaches here.
   */
  cardReference: string;
  today: CalendarDate;
}

export type RegisterHousehold = { type: 'RegisterHousehold'; data: RegisterHouseholdData };
export type AddMember = { type: 'AddMember'; data: AddMemberData };
export type InsureMember = { type: 'InsureMember'; data: InsureMemberData };
export type CertifyDisease = { type: 'CertifyDisease'; data: CertifyDiseaseData };
export type ErasePersonalData = { type: 'ErasePersonalData'; data: ErasePersonalDataData };
export type RegisterBankCard = { type: 'RegisterBankCard'; data: RegisterBankCardData };

export type HouseholdCommand =
  RegisterHousehold | AddMember | InsureMember | CertifyDisease | ErasePersonalData | RegisterBankCard;
