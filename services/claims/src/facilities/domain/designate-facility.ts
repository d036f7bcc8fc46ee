import { conflict } from '@aid/event-store/decider';
import type { DesignateFacility } from './commands';
import type { FacilityEvent } from './facility-events';
import { sameFacility } from './same-facility';
import type { FacilityState } from './state';

/** The bureau designates a facility; the same designation again changes nothing. */
export function designateFacility(command: DesignateFacility, state: FacilityState): FacilityEvent[] {
  const { at: _at, ...facility } = command.data;
  if (state.status === 'unknown') return [{ type: 'FacilityDesignated', data: command.data }];
  if (state.status === 'designated' && sameFacility(state.facility, facility)) return [];
  throw conflict(
    'FACILITY_EXISTS',
    `facility ${facility.facilityId} is already ${state.status === 'ended' ? 'recorded (its designation ended)' : 'designated'}; change it with PUT /facilities/${facility.facilityId}`,
  );
}
