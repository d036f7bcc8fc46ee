import { Checker, MEMBER_CATEGORIES, RELATIONS, type MemberCategory, type Relation } from '@aid/contracts';
import { commandMeta, type CommandHeaders } from '../shared/command-meta';
import type { EnrollmentDeps } from '../shared/deps';
import {
  bodyObject,
  isAbsent,
  optionalCategories,
  optionalId,
  pathId,
  personInput,
  recordDate,
  throwIfProblems,
  type PersonInput,
} from '../shared/input';
import { recordOrConfirmMember } from '../shared/personal-data';
import { runHouseholdCommand } from '../shared/run-household-command';

export interface AddMemberInput extends PersonInput {
  memberId?: string;
  relation: Relation;
  categories: MemberCategory[];
  /** Defaults to today. */
  addedOn: string;
}

/** The body of `POST /households/:householdId/members`. */
export function addMemberInput(c: Checker, body: unknown, today: string): AddMemberInput {
  const b = bodyObject(c, body);
  c.noOtherFields(b, ['memberId', 'name', 'idNumber', 'birthDate', 'sex', 'relation', 'categories', 'addedOn']);
  const memberId = optionalId(c, b, 'memberId');
  const person = personInput(c, b, today);
  const relation = c.oneOf(b, 'relation', RELATIONS);
  const categories = optionalCategories(c, b, 'categories', MEMBER_CATEGORIES);
  const addedOn = isAbsent(b.addedOn) ? today : recordDate(c, b, 'addedOn', today);
  return { memberId, ...person, relation, categories, addedOn };
}

/** Adds a member to a registered household; name and ID number go to the erasable store. */
export async function addMember(
  deps: EnrollmentDeps,
  householdIdParam: string,
  body: unknown,
  headers: CommandHeaders = {},
): Promise<{ householdId: string; memberId: string }> {
  const householdId = pathId('householdId', householdIdParam);
  const c = new Checker();
  const meta = commandMeta(deps, headers, c);
  const input = addMemberInput(c, body, meta.today);
  throwIfProblems(c);
  const memberId = input.memberId ?? deps.newId();
  await runHouseholdCommand(
    deps,
    {
      type: 'AddMember',
      data: {
        householdId,
        memberId,
        relation: input.relation,
        birthDate: input.birthDate,
        sex: input.sex,
        categories: input.categories,
        addedOn: input.addedOn,
        today: meta.today,
      },
    },
    meta,
    (client, decided) =>
      recordOrConfirmMember(
        client,
        deps.schema,
        { memberId, householdId, name: input.name, idNumber: input.idNumber },
        decided,
      ),
  );
  return { householdId, memberId };
}
