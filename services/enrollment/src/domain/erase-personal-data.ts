import { assertNever } from '@aid/event-store/decider';
import type { ErasePersonalData } from './commands';
import type { PersonalDataErased } from './events';
import { memberOf, registeredHousehold } from './guards';
import type { HouseholdState } from './state';

/**
 * Records that a member's name and ID number were erased (the edge deletes them in the
 * same transaction). Forgetting someone already forgotten changes nothing.
 */
export function erasePersonalData(command: ErasePersonalData, state: HouseholdState): PersonalDataErased[] {
  const d = command.data;
  const member = memberOf(registeredHousehold(state, d.householdId), d.memberId);
  switch (member.personalData.status) {
    case 'ERASED':
      return [];
    case 'HELD':
      return [
        { type: 'PersonalDataErased', data: { householdId: d.householdId, memberId: d.memberId, erasedOn: d.today } },
      ];
    default:
      return assertNever(member.personalData, 'personal data status');
  }
}
