import { Checker, DISEASE_KINDS, diseaseCodesOfKind, type DiseaseKind } from '@aid/contracts';
import { commandMeta, type CommandHeaders } from '../shared/command-meta';
import type { EnrollmentDeps } from '../shared/deps';
import { bodyObject, pathId, recordDate, requiredId, throwIfProblems } from '../shared/input';
import { householdOf } from '../shared/member-household';
import { runHouseholdCommand } from '../shared/run-household-command';

export interface CertifyDiseaseInput {
  kind: DiseaseKind;
  diseaseCode: string;
  certifiedOn: string;
}

/** The body of `POST /members/:memberId/diseases`. */
export function certifyDiseaseInput(c: Checker, body: unknown, today: string): CertifyDiseaseInput {
  const b = bodyObject(c, body);
  c.noOtherFields(b, ['kind', 'diseaseCode', 'certifiedOn']);
  const kind = c.oneOf(b, 'kind', DISEASE_KINDS);
  const diseaseCode = requiredId(c, b, 'diseaseCode');
  // The region's own list is checked by the decider; a code no region lists is plainly bad input.
  if (diseaseCode && DISEASE_KINDS.includes(b.kind as DiseaseKind) && !diseaseCodesOfKind(kind).includes(diseaseCode))
    c.fail('diseaseCode', `is not a ${kind} disease code of any region (see the regions' lists)`);
  return { kind, diseaseCode, certifiedOn: recordDate(c, b, 'certifiedOn', today) };
}

/** Certifies a member's major (大病) or chronic (门诊慢病) disease. */
export async function certifyDisease(
  deps: EnrollmentDeps,
  memberIdParam: string,
  body: unknown,
  headers: CommandHeaders = {},
): Promise<{ householdId: string; memberId: string } & CertifyDiseaseInput> {
  const memberId = pathId('memberId', memberIdParam);
  const c = new Checker();
  const meta = commandMeta(deps, headers, c);
  const input = certifyDiseaseInput(c, body, meta.today);
  throwIfProblems(c);
  const householdId = await householdOf(deps, memberId);
  await runHouseholdCommand(
    deps,
    { type: 'CertifyDisease', data: { householdId, memberId, ...input, today: meta.today } },
    meta,
  );
  return { householdId, memberId, ...input };
}
