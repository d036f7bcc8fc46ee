import { fold } from '@aid/event-store';
import { notFound } from '@aid/event-store/decider';
import type { HouseholdEvent } from '../domain/events';
import { householdDecider, householdStreamId } from '../domain/household';
import type { RegisteredHousehold } from '../domain/state';
import type { EnrollmentDeps } from '../shared/deps';
import { pathId } from '../shared/input';
import { householdOf } from '../shared/member-household';
import { loadBankCards, loadPersonalData } from '../shared/personal-data';
import { householdView, memberView, type HouseholdView, type MemberView } from './household-view';

/**
 * Queries fold the household's stream on each request (a household holds a handful of
 * events) and join the erasable personal data. No read model to rebuild or lag behind.
 */
async function loadHousehold(deps: EnrollmentDeps, householdId: string): Promise<RegisteredHousehold | null> {
  const recorded = await deps.store.readStream(householdStreamId(householdId));
  const state = fold(
    householdDecider,
    recorded.map((e) => ({ type: e.type, data: e.data }) as HouseholdEvent),
  );
  return state.status === 'Registered' ? state : null;
}

export async function getHousehold(deps: EnrollmentDeps, householdIdParam: string): Promise<HouseholdView> {
  const householdId = pathId('householdId', householdIdParam);
  const household = await loadHousehold(deps, householdId);
  if (!household) throw notFound('HOUSEHOLD_NOT_FOUND', `household ${householdId} is not registered`);
  const memberIds = household.members.map((m) => m.memberId);
  const personal = await loadPersonalData(deps.pool, deps.schema, memberIds);
  const cards = await loadBankCards(deps.pool, deps.schema, memberIds);
  return householdView(household, personal, cards);
}

export async function getMember(deps: EnrollmentDeps, memberIdParam: string): Promise<MemberView & { region: string }> {
  const memberId = pathId('memberId', memberIdParam);
  const householdId = await householdOf(deps, memberId);
  const household = await loadHousehold(deps, householdId);
  const member = household?.members.find((m) => m.memberId === memberId);
  if (!household || !member) throw notFound('MEMBER_NOT_FOUND', `member ${memberId} is not registered`);
  const personal = await loadPersonalData(deps.pool, deps.schema, [memberId]);
  const cards = await loadBankCards(deps.pool, deps.schema, [memberId]);
  return { ...memberView(household, member, personal.get(memberId), cards.get(memberId)), region: household.region };
}
