import type { CalendarDate } from '@aid/contracts';
import { assertNever, notFound, rule } from '@aid/event-store/decider';
import { findMember, type HouseholdState, type MemberState, type RegisteredHousehold } from './state';

/** The household the command addresses, or a refusal: it was never registered. */
export function registeredHousehold(state: HouseholdState, householdId: string): RegisteredHousehold {
  switch (state.status) {
    case 'Unregistered':
      throw notFound('HOUSEHOLD_NOT_FOUND', `household ${householdId} is not registered`);
    case 'Registered':
      return state;
    default:
      return assertNever(state, 'household state');
  }
}

export function memberOf(household: RegisteredHousehold, memberId: string): MemberState {
  const member = findMember(household, memberId);
  if (!member) throw notFound('MEMBER_NOT_FOUND', `member ${memberId} is not in household ${household.householdId}`);
  return member;
}

export function notAfterToday(field: string, date: CalendarDate, today: CalendarDate): void {
  if (date > today) throw rule('DATE_IN_FUTURE', `${field} ${date} is after today (${today})`);
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}
