import type { Address, CalendarDate, DiseaseKind, MemberCategory, Relation } from '@aid/contracts';
import { assertNever } from '@aid/event-store/decider';
import type { HouseholdEvent } from './events';

export interface InsuredYear {
  year: number;
  /** Yuan with two decimals, as published. */
  premium: string;
  premiumSubsidy: string;
}

export interface CertifiedDisease {
  kind: DiseaseKind;
  diseaseCode: string;
  certifiedOn: CalendarDate;
}

/** Whether the service still holds the member's name and ID number. */
export type PersonalDataStatus = { status: 'HELD' } | { status: 'ERASED'; erasedOn: CalendarDate };

/**
 * The member's bank card on file, by reference (the number is in the erasable store).
 * ERASED: a card was on file when the person was forgotten.
 */
export type BankCardStatus =
  | { status: 'NONE' }
  | { status: 'ON_FILE'; cardReference: string; onFileSince: CalendarDate }
  | { status: 'ERASED'; erasedOn: CalendarDate };

export interface MemberState {
  memberId: string;
  relation: Relation;
  birthDate: CalendarDate;
  sex: 'MALE' | 'FEMALE';
  categories: readonly MemberCategory[];
  addedOn: CalendarDate;
  /** Ascending by year. */
  insurance: readonly InsuredYear[];
  /** In certification order. */
  diseases: readonly CertifiedDisease[];
  personalData: PersonalDataStatus;
  bankCard: BankCardStatus;
}

export interface UnregisteredHousehold {
  status: 'Unregistered';
}

export interface RegisteredHousehold {
  status: 'Registered';
  householdId: string;
  region: string;
  address: Address;
  registeredOn: CalendarDate;
  categories: readonly MemberCategory[];
  /** In the order they were added; the head first. */
  members: readonly MemberState[];
}

export type HouseholdState = UnregisteredHousehold | RegisteredHousehold;

export function initialState(): HouseholdState {
  return { status: 'Unregistered' };
}

export function evolve(state: HouseholdState, event: HouseholdEvent): HouseholdState {
  switch (event.type) {
    case 'HouseholdRegistered': {
      const d = event.data;
      return {
        status: 'Registered',
        householdId: d.householdId,
        region: d.region,
        address: d.address,
        registeredOn: d.registeredOn,
        categories: d.categories,
        members: [],
      };
    }
    case 'MemberAdded': {
      const d = event.data;
      return whenRegistered(state, (h) => ({
        ...h,
        members: [
          ...h.members,
          {
            memberId: d.memberId,
            relation: d.relation,
            birthDate: d.birthDate,
            sex: d.sex,
            categories: d.categories,
            addedOn: d.addedOn,
            insurance: [],
            diseases: [],
            personalData: { status: 'HELD' },
            bankCard: { status: 'NONE' },
          },
        ],
      }));
    }
    case 'MemberInsured': {
      const { year, premium, premiumSubsidy } = event.data;
      return updateMember(state, event.data.memberId, (m) => ({
        ...m,
        insurance: [...m.insurance, { year, premium, premiumSubsidy }].sort((a, b) => a.year - b.year),
      }));
    }
    case 'DiseaseCertified': {
      const { kind, diseaseCode, certifiedOn } = event.data;
      return updateMember(state, event.data.memberId, (m) => ({
        ...m,
        diseases: [...m.diseases, { kind, diseaseCode, certifiedOn }],
      }));
    }
    case 'PersonalDataErased': {
      const { erasedOn } = event.data;
      return updateMember(state, event.data.memberId, (m) => ({
        ...m,
        personalData: { status: 'ERASED', erasedOn },
        bankCard: m.bankCard.status === 'ON_FILE' ? { status: 'ERASED', erasedOn } : m.bankCard,
      }));
    }
    case 'BankCardRegistered': {
      const { cardReference, registeredOn } = event.data;
      return updateMember(state, event.data.memberId, (m) => ({
        ...m,
        bankCard: { status: 'ON_FILE', cardReference, onFileSince: registeredOn },
      }));
    }
    case 'BankCardChanged': {
      const { cardReference, changedOn } = event.data;
      return updateMember(state, event.data.memberId, (m) => ({
        ...m,
        bankCard: { status: 'ON_FILE', cardReference, onFileSince: changedOn },
      }));
    }
    default:
      return assertNever(event, 'household event');
  }
}

export function findMember(household: RegisteredHousehold, memberId: string): MemberState | undefined {
  return household.members.find((m) => m.memberId === memberId);
}

/** An event for a household that is not registered cannot be in a stream; it changes nothing. */
function whenRegistered(
  state: HouseholdState,
  change: (h: RegisteredHousehold) => RegisteredHousehold,
): HouseholdState {
  switch (state.status) {
    case 'Unregistered':
      return state;
    case 'Registered':
      return change(state);
    default:
      return assertNever(state, 'household state');
  }
}

function updateMember(
  state: HouseholdState,
  memberId: string,
  change: (m: MemberState) => MemberState,
): HouseholdState {
  return whenRegistered(state, (h) => ({
    ...h,
    members: h.members.map((m) => (m.memberId === memberId ? change(m) : m)),
  }));
}
