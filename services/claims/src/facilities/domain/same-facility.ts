import type { Facility } from './facility-events';

/** Field by field, accounts included, so a repeated command is recognised as the same. */
export function sameFacility(a: Facility, b: Facility): boolean {
  const { accounts: aa, ...ra } = a;
  const { accounts: ab, ...rb } = b;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]) as Set<keyof typeof ra>;
  const accountKeys = new Set([...Object.keys(aa), ...Object.keys(ab)]) as Set<keyof typeof aa>;
  return [...keys].every((k) => ra[k] === rb[k]) && [...accountKeys].every((k) => aa[k] === ab[k]);
}
