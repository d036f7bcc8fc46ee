import type { DiseaseCertifiedV1, HouseholdRegisteredV1, MemberAddedV1, MemberInsuredV1 } from '@aid/contracts';
import type { CalendarDate } from '@aid/contracts';

/**
 * What a household stream holds. The first four have a public counterpart on
 * `aid.enrollment.v1`, built field by field in `public-events/`; `PersonalDataErased` has
 * none and stays in the service as the audit trail of a forgetting. No event carries a name,
 * an ID number or a bank card number.
 */
export type HouseholdRegistered = { type: 'HouseholdRegistered'; data: HouseholdRegisteredV1 };
export type MemberAdded = { type: 'MemberAdded'; data: MemberAddedV1 };
export type MemberInsured = { type: 'MemberInsured'; data: MemberInsuredV1 };
export type DiseaseCertified = { type: 'DiseaseCertified'; data: DiseaseCertifiedV1 };

export interface PersonalDataErasedData {
  householdId: string;
  memberId: string;
  erasedOn: CalendarDate;
}
export type PersonalDataErased = { type: 'PersonalDataErased'; data: PersonalDataErasedData };

/**
 * A bank card went on file for a member (打卡结算). The number, the bank and the holder are in
 * the erasable store only; the event keeps a random reference to them, so the history stays
 * whole when they are erased and says nothing that could narrow down the number.
 */
export interface BankCardRegisteredData {
  householdId: string;
  memberId: string;
  cardReference: string;
  registeredOn: CalendarDate;
}
export type BankCardRegistered = { type: 'BankCardRegistered'; data: BankCardRegisteredData };

/** Another card (or the same card with another bank name or holder) replaced the one on file. */
export interface BankCardChangedData {
  householdId: string;
  memberId: string;
  cardReference: string;
  previousCardReference: string;
  changedOn: CalendarDate;
}
export type BankCardChanged = { type: 'BankCardChanged'; data: BankCardChangedData };

export type HouseholdEvent =
  | HouseholdRegistered
  | MemberAdded
  | MemberInsured
  | DiseaseCertified
  | PersonalDataErased
  | BankCardRegistered
  | BankCardChanged;
