import { MEMBER_CATEGORIES, type Address, type DiseaseKind, type MemberCategory, type Relation } from '@aid/contracts';
import { formatYuan, yuanToFen } from '@aid/money';
import type { MemberState, PersonalDataStatus, RegisteredHousehold } from '../domain/state';
import type { PersonalData } from '../shared/personal-data';

/** What the queries answer. ID numbers are always masked; a forgotten member has neither name nor number. */
export interface MemberView {
  memberId: string;
  householdId: string;
  relation: Relation;
  name: string | null;
  personalData: PersonalDataStatus;
  birthDate: string;
  sex: 'MALE' | 'FEMALE';
  /** The member's own categories, in addition to the household's. */
  categories: MemberCategory[];
  /** The household's and the member's own, in precedence order (EXTREME_POOR first). */
  effectiveCategories: MemberCategory[];
  addedOn: string;
  insurance: { year: number; premium: string; premiumSubsidy: string; selfPaid: string }[];
  diseases: { kind: DiseaseKind; diseaseCode: string; certifiedOn: string }[];
}

export interface HouseholdView {
  householdId: string;
  region: string;
  address: Address;
  registeredOn: string;
  categories: MemberCategory[];
  members: MemberView[];
}

export function householdView(
  household: RegisteredHousehold,
  personalData: ReadonlyMap<string, PersonalData>,
): HouseholdView {
  return {
    householdId: household.householdId,
    region: household.region,
    // Province down to village, whatever order the stored JSON keeps.
    address: {
      province: household.address.province,
      city: household.address.city,
      county: household.address.county,
      township: household.address.township,
      village: household.address.village,
    },
    registeredOn: household.registeredOn,
    categories: [...household.categories],
    members: household.members.map((m) => memberView(household, m, personalData.get(m.memberId))),
  };
}

export function memberView(
  household: RegisteredHousehold,
  m: MemberState,
  personal: PersonalData | undefined,
): MemberView {
  const held = m.personalData.status === 'HELD' && personal !== undefined;
  return {
    memberId: m.memberId,
    householdId: household.householdId,
    relation: m.relation,
    name: held ? personal.name : null,
    personalData: m.personalData,
    birthDate: m.birthDate,
    sex: m.sex,
    categories: [...m.categories],
    effectiveCategories: MEMBER_CATEGORIES.filter((c) => household.categories.includes(c) || m.categories.includes(c)),
    addedOn: m.addedOn,
    insurance: m.insurance.map((i) => ({
      ...i,
      selfPaid: formatYuan(yuanToFen(i.premium, 'premium') - yuanToFen(i.premiumSubsidy, 'premiumSubsidy')),
    })),
    diseases: m.diseases.map((d) => ({ ...d })),
  };
}
