import { assertNever, conflict, notFound } from '@aid/event-store/decider';
import type { ChangeFacilityDetails } from './commands';
import type { FacilityEvent } from './facility-events';
import { sameFacility } from './same-facility';
import type { FacilityState } from './state';

/**
 * New details replace the old ones as a whole (level, accounts, dates...). An ended
 * designation stays ended: bills already refused or paid under it must keep their reason.
 */
export function changeFacilityDetails(command: ChangeFacilityDetails, state: FacilityState): FacilityEvent[] {
  const { at: _at, ...facility } = command.data;
  switch (state.status) {
    case 'unknown':
      throw notFound('FACILITY_NOT_FOUND', `facility ${facility.facilityId} is not designated`);
    case 'ended':
      throw conflict(
        'FACILITY_DESIGNATION_ENDED',
        `the designation of facility ${facility.facilityId} ended on ${state.facility.designatedUntil}; it can no longer be changed`,
      );
    case 'designated':
      return sameFacility(state.facility, facility) ? [] : [{ type: 'FacilityDetailsChanged', data: command.data }];
    default:
      return assertNever(state, 'facility state');
  }
}
