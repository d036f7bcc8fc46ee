import { requireRegion, requireTownship, type Actor } from '@aid/platform/nest';
import { householdStreamId } from '../domain/household';
import type { EnrollmentDeps } from './deps';
import { householdOfMember } from './personal-data';

interface Place {
  region: string;
  township: string;
}

/** Where a household is, from its first event; null when there is none (the command then answers 404). */
async function placeOf(deps: EnrollmentDeps, householdId: string): Promise<Place | null> {
  const [first] = await deps.store.readStream(householdStreamId(householdId));
  const data = first?.data as { region?: string; address?: { township?: string } } | undefined;
  return data?.region ? { region: data.region, township: data.address?.township ?? '' } : null;
}

/**
 * A regional or township token acts on its own households only. Checked before the command,
 * at the cost of one read of the household's first event; provincial tokens skip it.
 */
export async function requireHouseholdInScope(deps: EnrollmentDeps, actor: Actor, householdId: string): Promise<void> {
  if (actor.region === null && actor.role !== 'township') return;
  const place = await placeOf(deps, householdId);
  if (!place) return;
  requireRegion(actor, place.region, `household ${householdId}`);
  requireTownship(actor, place.township, `household ${householdId}`);
}

export async function requireMemberInScope(deps: EnrollmentDeps, actor: Actor, memberId: string): Promise<void> {
  if (actor.region === null && actor.role !== 'township') return;
  const householdId = await householdOfMember(deps.pool, deps.schema, memberId);
  if (householdId) await requireHouseholdInScope(deps, actor, householdId);
}
