import { Checker, DISEASE_KINDS, type DiseaseKind } from '@aid/contracts';
import { commandMeta, type CommandHeaders } from '../shared/command-meta';
import type { EnrollmentDeps } from '../shared/deps';
import { bodyObject, pathId, requiredId, throwIfProblems } from '../shared/input';
import { householdOf } from '../shared/member-household';
import { runHouseholdCommand } from '../shared/run-household-command';

export interface CertifyDiseaseInput {
  kind: DiseaseKind;
  diseaseCode: string;
  certifiedOn: string;
}

/** The body of `POST /members/:memberId/diseases`. */
export function certifyDiseaseInput(c: Checker, body: unknown): CertifyDiseaseInput {
  const b = bodyObject(c, body);
  c.noOtherFields(b, ['kind', 'diseaseCode', 'certifiedOn']);
  return {
    kind: c.oneOf(b, 'kind', DISEASE_KINDS),
    diseaseCode: requiredId(c, b, 'diseaseCode'),
    certifiedOn: c.date(b, 'certifiedOn'),
  };
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
  const input = certifyDiseaseInput(c, body);
  throwIfProblems(c);
  const householdId = await householdOf(deps, memberId);
  await runHouseholdCommand(
    deps,
    { type: 'CertifyDisease', data: { householdId, memberId, ...input, today: meta.today } },
    meta,
  );
  return { householdId, memberId, ...input };
}
