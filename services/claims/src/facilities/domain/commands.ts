import type { Facility } from './facility-events';

/** Times come from outside: `at` is when the bureau's command reached claims. */
export type DesignateFacility = { type: 'DesignateFacility'; data: Facility & { at: string } };
export type ChangeFacilityDetails = { type: 'ChangeFacilityDetails'; data: Facility & { at: string } };
export type EndFacilityDesignation = {
  type: 'EndFacilityDesignation';
  data: { facilityId: string; until: string; reason: string; at: string };
};

export type FacilityCommand = DesignateFacility | ChangeFacilityDetails | EndFacilityDesignation;
