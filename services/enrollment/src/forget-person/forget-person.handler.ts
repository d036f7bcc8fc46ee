import { Checker } from '@aid/contracts';
import { commandMeta, type CommandHeaders } from '../shared/command-meta';
import type { EnrollmentDeps } from '../shared/deps';
import { pathId, throwIfProblems } from '../shared/input';
import { householdOf } from '../shared/member-household';
import { erasePersonalData } from '../shared/personal-data';
import { runHouseholdCommand } from '../shared/run-household-command';

/**
 * Forgets a person: their name and ID number are deleted, and an internal
 * `PersonalDataErased` event records when, in the same transaction. Every published event,
 * and so every fen of their history, stays. Forgetting twice is harmless.
 */
export async function forgetPerson(
  deps: EnrollmentDeps,
  memberIdParam: string,
  headers: CommandHeaders = {},
): Promise<void> {
  const memberId = pathId('memberId', memberIdParam);
  const c = new Checker();
  const meta = commandMeta(deps, headers, c);
  throwIfProblems(c);
  const householdId = await householdOf(deps, memberId);
  await runHouseholdCommand(
    deps,
    { type: 'ErasePersonalData', data: { householdId, memberId, today: meta.today } },
    meta,
    (client) => erasePersonalData(client, deps.schema, memberId),
  );
}
