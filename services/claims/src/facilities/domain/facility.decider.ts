import { assertNever, type Decider } from '@aid/event-store/decider';
import { changeFacilityDetails } from './change-facility-details';
import type { FacilityCommand } from './commands';
import { designateFacility } from './designate-facility';
import { endFacilityDesignation } from './end-facility-designation';
import type { FacilityEvent } from './facility-events';
import { evolve, initialState, type FacilityState } from './state';

export type { FacilityCommand } from './commands';
export type { FacilityState } from './state';

export function decide(command: FacilityCommand, state: FacilityState): FacilityEvent[] {
  switch (command.type) {
    case 'DesignateFacility':
      return designateFacility(command, state);
    case 'ChangeFacilityDetails':
      return changeFacilityDetails(command, state);
    case 'EndFacilityDesignation':
      return endFacilityDesignation(command, state);
    default:
      return assertNever(command, 'facility command');
  }
}

export const facilityDecider: Decider<FacilityState, FacilityCommand, FacilityEvent> = { initialState, evolve, decide };

export function facilityStream(facilityId: string): string {
  return `facility-${facilityId}`;
}
