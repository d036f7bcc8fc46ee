import { MEMBER_CATEGORIES, type Address, type DiseaseKind, type MemberCategory, type Relation } from '@aid/contracts';
import { formatYuan, yuanToFen } from '@aid/money';
import type { MemberState, PersonalDataStatus, RegisteredHousehold } from '../domain/state';
import { maskBankCardNumber } from '../domain/bank-card-number';
import type { BankCard, PersonalData } from '../shared/personal-data';

/** What the queries answer. ID numbers are always masked; a forgotten member has neither name nor number. */
export interface MemberView {
  memberId: string;
  householdId: string;
  relation: Relation;
  name: string | null;
  personalData: PersonalDataStatus;
  /** The card on file for 打卡结算: its bank and last four digits, never the number. */
  bankCard: BankCardView;
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

export type BankCardView =
  | { status: 'NONE' }
  | { status: 'ON_FILE'; cardReference: string; bankName: string | null; masked: string | null; onFileSince: string }
  | { status: 'ERASED'; erasedOn: string };

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
  bankCards: ReadonlyMap<string, BankCard> = new Map(),
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
    members: household.members.map((m) =>
      memberView(household, m, personalData.get(m.memberId), bankCards.get(m.memberId)),
    ),
  };
}

export function memberView(
  household: RegisteredHousehold,
  m: MemberState,
  personal: PersonalData | undefined,
  card?: BankCard,
): MemberView {
  const held = m.personalData.status === 'HELD' && personal !== undefined;
  return {
    memberId: m.memberId,
    householdId: household.householdId,
    relation: m.relation,
    name: held ? personal.name : null,
    personalData: m.personalData,
    bankCard: bankCardView(m, card),
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

/** Only the card the events name is shown, and only while the person's data is held. */
function bankCardView(m: MemberState, card: BankCard | undefined): BankCardView {
  const b = m.bankCard;
  if (b.status !== 'ON_FILE') return { ...b };
  const held = m.personalData.status === 'HELD' && card?.cardReference === b.cardReference;
  return {
    status: 'ON_FILE',
    cardReference: b.cardReference,
    bankName: held ? card.bankName : null,
    masked: held ? maskBankCardNumber(card.cardNumber) : null,
    onFileSince: b.onFileSince,
  };
}
