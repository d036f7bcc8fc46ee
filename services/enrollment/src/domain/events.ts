import type { DiseaseCertifiedV1, HouseholdRegisteredV1, MemberAddedV1, MemberInsuredV1 } from '@aid/contracts';
import type { CalendarDate } from '@aid/contracts';

/**
 * What a household stream holds. The first four have a public counterpart on
 * `aid.enrollment.v1`, built field by field in `public-events/`; `PersonalDataErased` has
 * none and stays in the service as the audit trail of a forgetting. No event carries a name
 * or an ID number.
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

export type HouseholdEvent = HouseholdRegistered | MemberAdded | MemberInsured | DiseaseCertified | PersonalDataErased;
