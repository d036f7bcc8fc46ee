/** The codes that bills and policies use, each list in one place so parsing and types agree. */

/** Member categories, highest override precedence first (docs/settlement.md, "Overrides"). */
export const CATEGORIES = ['EXTREME_POOR', 'POOR', 'LOW_INCOME', 'MARGINAL'] as const;
export type Category = (typeof CATEGORIES)[number];

export const FACILITY_LEVELS = ['PRIMARY', 'SECONDARY', 'TERTIARY'] as const;
export type FacilityLevel = (typeof FACILITY_LEVELS)[number];

export const VISIT_TYPES = ['INPATIENT', 'CHRONIC_OUTPATIENT'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

export function isCategory(value: unknown): value is Category {
  return (CATEGORIES as readonly unknown[]).includes(value);
}

export function isFacilityLevel(value: unknown): value is FacilityLevel {
  return (FACILITY_LEVELS as readonly unknown[]).includes(value);
}

export function isVisitType(value: unknown): value is VisitType {
  return (VISIT_TYPES as readonly unknown[]).includes(value);
}

/** True when the member has at least one of `wanted`. */
export function hasAnyCategory(member: readonly Category[], wanted: readonly Category[]): boolean {
  for (const c of wanted) if (member.includes(c)) return true;
  return false;
}
