import type { AddMember } from './commands';
import type { MemberAdded } from './events';
import { notAfterToday, registeredHousehold } from './guards';
import { conflict, rule } from '@aid/event-store/decider';
import { sameList } from './repeats';
import { findMember, type HouseholdState } from './state';

/** The same member added again decides nothing; another member under the same id is a conflict. */
export function addMember(command: AddMember, state: HouseholdState): [MemberAdded] | [] {
  const d = command.data;
  const household = registeredHousehold(state, d.householdId);
  const existing = findMember(household, d.memberId);
  if (existing) {
    const same =
      existing.relation === d.relation &&
      existing.birthDate === d.birthDate &&
      existing.sex === d.sex &&
      existing.addedOn === d.addedOn &&
      sameList(existing.categories, d.categories);
    if (same) return [];
    throw conflict('MEMBER_ALREADY_ADDED', `member ${d.memberId} is already in household ${d.householdId}`);
  }
  if (d.relation === 'HEAD') {
    throw conflict('HEAD_ALREADY_REGISTERED', `household ${d.householdId} already has its head; a household has one`);
  }
  notAfterToday('addedOn', d.addedOn, d.today);
  if (d.addedOn < household.registeredOn) {
    throw rule(
      'ADDED_BEFORE_REGISTRATION',
      `addedOn ${d.addedOn} is before the household was registered (${household.registeredOn})`,
    );
  }
  if (d.birthDate > d.addedOn) {
    throw rule('BORN_AFTER_ADDED', `the member's birth date ${d.birthDate} is after addedOn ${d.addedOn}`);
  }
  return [
    {
      type: 'MemberAdded',
      data: {
        householdId: d.householdId,
        memberId: d.memberId,
        relation: d.relation,
        birthDate: d.birthDate,
        sex: d.sex,
        categories: [...d.categories],
        addedOn: d.addedOn,
      },
    },
  ];
}
