import { notFound } from '@aid/event-store/decider';
import type { EnrollmentDeps } from './deps';
import { householdOfMember } from './personal-data';

/** The household a member belongs to, or 404. */
export async function householdOf(deps: Pick<EnrollmentDeps, 'pool' | 'schema'>, memberId: string): Promise<string> {
  const householdId = await householdOfMember(deps.pool, deps.schema, memberId);
  if (!householdId) throw notFound('MEMBER_NOT_FOUND', `member ${memberId} is not registered`);
  return householdId;
}
