import { assertNever, type Decider } from '@aid/event-store/decider';
import { addMember } from './add-member';
import { certifyDisease } from './certify-disease';
import type { HouseholdCommand } from './commands';
import { erasePersonalData } from './erase-personal-data';
import type { HouseholdEvent } from './events';
import { insureMember } from './insure-member';
import { registerBankCard } from './register-bank-card';
import { registerHousehold } from './register-household';
import { evolve, initialState, type HouseholdState } from './state';

/** One stream per household: every fact about it and its members, in order. */
export function householdStreamId(householdId: string): string {
  return `household-${householdId}`;
}

/** The thin dispatcher: one function per command, each in its own file. */
export function decide(command: HouseholdCommand, state: HouseholdState): HouseholdEvent[] {
  switch (command.type) {
    case 'RegisterHousehold':
      return registerHousehold(command, state);
    case 'AddMember':
      return addMember(command, state);
    case 'InsureMember':
      return insureMember(command, state);
    case 'CertifyDisease':
      return certifyDisease(command, state);
    case 'ErasePersonalData':
      return erasePersonalData(command, state);
    case 'RegisterBankCard':
      return registerBankCard(command, state);
    default:
      return assertNever(command, 'household command');
  }
}

export const householdDecider: Decider<HouseholdState, HouseholdCommand, HouseholdEvent> = {
  initialState,
  evolve,
  decide,
};
