import { assertNever } from '@aid/event-store/decider';
import type { Facility, FacilityEvent } from './facility-events';

export type FacilityState =
  | { status: 'unknown' }
  | { status: 'designated'; facility: Facility }
  | { status: 'ended'; facility: Facility; reason: string };

export function initialState(): FacilityState {
  return { status: 'unknown' };
}

function facilityOf({ at: _at, ...facility }: Facility & { at: string }): Facility {
  return facility;
}

export function evolve(state: FacilityState, event: FacilityEvent): FacilityState {
  switch (event.type) {
    case 'FacilityDesignated':
    case 'FacilityDetailsChanged':
      return { status: 'designated', facility: facilityOf(event.data) };
    case 'FacilityDesignationEnded':
      return state.status === 'unknown'
        ? state
        : {
            status: 'ended',
            facility: { ...state.facility, designatedUntil: event.data.until },
            reason: event.data.reason,
          };
    default:
      return assertNever(event, 'facility event');
  }
}
