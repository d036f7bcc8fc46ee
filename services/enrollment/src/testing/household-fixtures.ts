import type {
  AddMember,
  CertifyDisease,
  ErasePersonalData,
  InsureMember,
  RegisterBankCard,
  RegisterHousehold,
} from '../domain/commands';
import type {
  BankCardChanged,
  BankCardRegistered,
  DiseaseCertified,
  HouseholdRegistered,
  MemberAdded,
  MemberInsured,
  PersonalDataErased,
} from '../domain/events';

/**
 * Builders for decider tests: events and commands with sensible defaults, each overridable.
 * Histories compose: `aHouseholdWithAMember()` builds on `aRegisteredHousehold()`.
 */
export const HOUSEHOLD_ID = 'hh-1';
export const HEAD_ID = 'm-head';
export const MEMBER_ID = 'm-child';
export const TODAY = '2020-06-30';

export function householdRegistered(overrides: Partial<HouseholdRegistered['data']> = {}): HouseholdRegistered {
  return {
    type: 'HouseholdRegistered',
    data: {
      householdId: HOUSEHOLD_ID,
      region: 'xingan-league',
      address: {
        province: '内蒙古自治区',
        city: '兴安盟',
        county: '乌兰浩特市',
        township: '义勒力特镇',
        village: '示例村',
      },
      registeredOn: '2019-03-01',
      categories: ['POOR'],
      ...overrides,
    },
  };
}

export function memberAdded(overrides: Partial<MemberAdded['data']> = {}): MemberAdded {
  return {
    type: 'MemberAdded',
    data: {
      householdId: HOUSEHOLD_ID,
      memberId: MEMBER_ID,
      relation: 'CHILD',
      birthDate: '2010-05-04',
      sex: 'FEMALE',
      categories: [],
      addedOn: '2019-04-01',
      ...overrides,
    },
  };
}

export function headAdded(overrides: Partial<MemberAdded['data']> = {}): MemberAdded {
  return memberAdded({
    memberId: HEAD_ID,
    relation: 'HEAD',
    birthDate: '1970-01-15',
    sex: 'MALE',
    addedOn: '2019-03-01',
    ...overrides,
  });
}

export function memberInsured(overrides: Partial<MemberInsured['data']> = {}): MemberInsured {
  return {
    type: 'MemberInsured',
    data: {
      householdId: HOUSEHOLD_ID,
      memberId: MEMBER_ID,
      year: 2020,
      premium: '250.00',
      premiumSubsidy: '250.00',
      ...overrides,
    },
  };
}

export function diseaseCertified(overrides: Partial<DiseaseCertified['data']> = {}): DiseaseCertified {
  return {
    type: 'DiseaseCertified',
    data: {
      householdId: HOUSEHOLD_ID,
      memberId: MEMBER_ID,
      kind: 'CHRONIC',
      diseaseCode: 'DIABETES',
      certifiedOn: '2019-06-01',
      ...overrides,
    },
  };
}

export function personalDataErased(overrides: Partial<PersonalDataErased['data']> = {}): PersonalDataErased {
  return {
    type: 'PersonalDataErased',
    data: { householdId: HOUSEHOLD_ID, memberId: MEMBER_ID, erasedOn: '2020-01-02', ...overrides },
  };
}

export const CARD_REFERENCE = 'card-ref-1';

export function bankCardRegistered(overrides: Partial<BankCardRegistered['data']> = {}): BankCardRegistered {
  return {
    type: 'BankCardRegistered',
    data: {
      householdId: HOUSEHOLD_ID,
      memberId: MEMBER_ID,
      cardReference: CARD_REFERENCE,
      registeredOn: '2019-05-01',
      ...overrides,
    },
  };
}

export function bankCardChanged(overrides: Partial<BankCardChanged['data']> = {}): BankCardChanged {
  return {
    type: 'BankCardChanged',
    data: {
      householdId: HOUSEHOLD_ID,
      memberId: MEMBER_ID,
      cardReference: 'card-ref-2',
      previousCardReference: CARD_REFERENCE,
      changedOn: '2020-02-01',
      ...overrides,
    },
  };
}

/** A household as registered: the household, then its head. */
export function aRegisteredHousehold(): [HouseholdRegistered, MemberAdded] {
  return [householdRegistered(), headAdded()];
}

/** ...with a second member, a child. */
export function aHouseholdWithAMember(): (HouseholdRegistered | MemberAdded)[] {
  return [...aRegisteredHousehold(), memberAdded()];
}

export function registerHouseholdCommand(overrides: Partial<RegisterHousehold['data']> = {}): RegisterHousehold {
  const registered = householdRegistered().data;
  return {
    type: 'RegisterHousehold',
    data: {
      ...registered,
      head: { memberId: HEAD_ID, birthDate: '1970-01-15', sex: 'MALE', categories: [] },
      today: TODAY,
      ...overrides,
    },
  };
}

export function addMemberCommand(overrides: Partial<AddMember['data']> = {}): AddMember {
  const { householdId, memberId, relation, birthDate, sex, categories, addedOn } = memberAdded().data;
  return {
    type: 'AddMember',
    data: { householdId, memberId, relation, birthDate, sex, categories, addedOn, today: TODAY, ...overrides },
  };
}

export function insureMemberCommand(overrides: Partial<InsureMember['data']> = {}): InsureMember {
  return {
    type: 'InsureMember',
    data: {
      householdId: HOUSEHOLD_ID,
      memberId: MEMBER_ID,
      year: 2020,
      premiumFen: 25000,
      premiumSubsidyFen: 25000,
      today: TODAY,
      ...overrides,
    },
  };
}

export function certifyDiseaseCommand(overrides: Partial<CertifyDisease['data']> = {}): CertifyDisease {
  return {
    type: 'CertifyDisease',
    data: {
      householdId: HOUSEHOLD_ID,
      memberId: MEMBER_ID,
      kind: 'CHRONIC',
      diseaseCode: 'DIABETES',
      certifiedOn: '2019-06-01',
      today: TODAY,
      ...overrides,
    },
  };
}

export function erasePersonalDataCommand(overrides: Partial<ErasePersonalData['data']> = {}): ErasePersonalData {
  return {
    type: 'ErasePersonalData',
    data: { householdId: HOUSEHOLD_ID, memberId: MEMBER_ID, today: TODAY, ...overrides },
  };
}

export function registerBankCardCommand(overrides: Partial<RegisterBankCard['data']> = {}): RegisterBankCard {
  return {
    type: 'RegisterBankCard',
    data: { householdId: HOUSEHOLD_ID, memberId: MEMBER_ID, cardReference: CARD_REFERENCE, today: TODAY, ...overrides },
  };
}
