import { assertNever, conflict, notFound, rule } from '@aid/event-store/decider';
import type { EndFacilityDesignation } from './commands';
import type { FacilityEvent } from './facility-events';
import type { FacilityState } from './state';

/** The designation ends after `until` (inclusive); bills of services after it are refused. */
export function endFacilityDesignation(command: EndFacilityDesignation, state: FacilityState): FacilityEvent[] {
  const { facilityId, until } = command.data;
  switch (state.status) {
    case 'unknown':
      throw notFound('FACILITY_NOT_FOUND', `facility ${facilityId} is not designated`);
    case 'ended':
      if (state.facility.designatedUntil === until) return [];
      throw conflict(
        'FACILITY_DESIGNATION_ENDED',
        `the designation of facility ${facilityId} already ended on ${state.facility.designatedUntil}`,
      );
    case 'designated':
      if (until < state.facility.designatedFrom) {
        throw rule(
          'DESIGNATION_END_BEFORE_START',
          `facility ${facilityId} was designated from ${state.facility.designatedFrom}; its designation cannot end on ${until}`,
        );
      }
      return [{ type: 'FacilityDesignationEnded', data: command.data }];
    default:
      return assertNever(state, 'facility state');
  }
}
