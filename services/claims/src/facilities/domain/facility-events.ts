import type { Fund } from '@aid/contracts';

export const FACILITY_LEVELS = ['PRIMARY', 'SECONDARY', 'TERTIARY'] as const;
export type FacilityLevel = (typeof FACILITY_LEVELS)[number];

/**
 * What the medical insurance bureau records of a designated facility (定点医疗机构). The level
 * and the in-county flag decide a bill's rates and who is paid, so claims takes them from
 * here, never from the bill.
 */
export interface FacilityDetails {
  name: string;
  level: FacilityLevel;
  county: string;
  region: string;
  /** Inside the region's own county: its bills are paid to the hospital, which advanced the money. */
  inCounty: boolean;
  designatedFrom: string;
  /** Last day of designation (inclusive); null while open-ended. */
  designatedUntil: string | null;
  /** Per fund, the account the fund pays this facility to: digits only. */
  accounts: Partial<Record<Fund, string>>;
}

export type Facility = FacilityDetails & { facilityId: string };

/** Stream `facility-<facilityId>`. */
export type FacilityEvent =
  | { type: 'FacilityDesignated'; data: Facility & { at: string } }
  | { type: 'FacilityDetailsChanged'; data: Facility & { at: string } }
  | { type: 'FacilityDesignationEnded'; data: { facilityId: string; until: string; reason: string; at: string } };
