import { assertNever } from '@aid/event-store/decider';
import type { RegisterHousehold } from './commands';
import type { HouseholdRegistered, MemberAdded } from './events';
import { notAfterToday } from './guards';
import { conflict, rule } from '@aid/event-store/decider';
import type { HouseholdState } from './state';

/** 建档立卡: the household and its head, registered together. */
export function registerHousehold(
  command: RegisterHousehold,
  state: HouseholdState,
): [HouseholdRegistered, MemberAdded] {
  const d = command.data;
  switch (state.status) {
    case 'Registered':
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
