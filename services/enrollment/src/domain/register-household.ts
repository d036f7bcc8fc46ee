import { assertNever } from '@aid/event-store/decider';
import type { RegisterHousehold } from './commands';
import type { HouseholdRegistered, MemberAdded } from './events';
import { notAfterToday } from './guards';
import { conflict, rule } from '@aid/event-store/decider';
import { sameList } from './repeats';
import type { HouseholdState, RegisteredHousehold } from './state';

/**
 * 建档立卡: the household and its head, registered together. The same registration again
 * decides nothing (a caller retrying after a lost answer gets the same answer); another one
 * under the same household id is a conflict.
 */
export function registerHousehold(
  command: RegisterHousehold,
  state: HouseholdState,
): [HouseholdRegistered, MemberAdded] | [] {
  const d = command.data;
  switch (state.status) {
    case 'Registered':
      if (isSameRegistration(state, d)) return [];
      throw conflict('HOUSEHOLD_ALREADY_REGISTERED', `household ${d.householdId} is already registered`);
    case 'Unregistered':
      break;
    default:
      return assertNever(state, 'household state');
  }
  notAfterToday('registeredOn', d.registeredOn, d.today);
  if (d.head.birthDate > d.registeredOn) {
    throw rule(
      'BORN_AFTER_REGISTRATION',
      `the head's birth date ${d.head.birthDate} is after registeredOn ${d.registeredOn}`,
    );
  }
  return [
    {
      type: 'HouseholdRegistered',
      data: {
        householdId: d.householdId,
        region: d.region,
        address: { ...d.address },
        registeredOn: d.registeredOn,
        categories: [...d.categories],
      },
    },
    {
      type: 'MemberAdded',
      data: {
        householdId: d.householdId,
        memberId: d.head.memberId,
        relation: 'HEAD',
        birthDate: d.head.birthDate,
        sex: d.head.sex,
        categories: [...d.head.categories],
        addedOn: d.registeredOn,
      },
    },
  ];
}

function isSameRegistration(h: RegisteredHousehold, d: RegisterHousehold['data']): boolean {
  const head = h.members.find((m) => m.relation === 'HEAD');
  const a = h.address;
  return (
    h.region === d.region &&
    a.province === d.address.province &&
    a.city === d.address.city &&
    a.county === d.address.county &&
    a.township === d.address.township &&
    a.village === d.address.village &&
    h.registeredOn === d.registeredOn &&
    sameList(h.categories, d.categories) &&
    head !== undefined &&
    head.memberId === d.head.memberId &&
    head.birthDate === d.head.birthDate &&
    head.sex === d.head.sex &&
    sameList(head.categories, d.head.categories)
  );
}
