import { Checker } from '@aid/contracts';
import { formatYuan, parseYuan, yuanToFen } from '@aid/money';
import { commandMeta, type CommandHeaders } from '../shared/command-meta';
import type { EnrollmentDeps } from '../shared/deps';
import { bodyObject, pathId, throwIfProblems } from '../shared/input';
import { householdOf } from '../shared/member-household';
import { runHouseholdCommand } from '../shared/run-household-command';

/**
 * The most a premium for one person and one year may be. Residents' basic medical insurance
 * costs a few hundred yuan a year (individual share plus government contribution well under
 * 2,000 yuan in every region served); 5,000 yuan leaves room and still refuses a slipped digit.
 */
export const MAX_PREMIUM_FEN = yuanToFen('5000.00', 'MAX_PREMIUM');

export interface InsureMemberInput {
  year: number;
  premiumFen: number;
  premiumSubsidyFen: number;
}

function yuanField(c: Checker, b: Record<string, unknown>, field: string): number {
  const parsed = parseYuan(b[field]);
  if (!parsed.ok) {
    c.fail(field, `${parsed.reason}; give yuan as a string with at most two decimals, e.g. "320.00"`);
    return 0;
  }
  return parsed.value;
}

/** The body of `POST /members/:memberId/insurance`. */
export function insureMemberInput(c: Checker, body: unknown): InsureMemberInput {
  const b = bodyObject(c, body);
  c.noOtherFields(b, ['year', 'premium', 'premiumSubsidy']);
  const year = c.integer(b, 'year', 2000, 2100);
  const premiumFen = yuanField(c, b, 'premium');
  const premiumSubsidyFen = yuanField(c, b, 'premiumSubsidy');
  if (premiumFen > MAX_PREMIUM_FEN)
    c.fail('premium', `must be at most ${formatYuan(MAX_PREMIUM_FEN)} yuan for one person and one year`);
  if (premiumSubsidyFen > premiumFen) c.fail('premiumSubsidy', 'must not exceed premium');
  return { year, premiumFen, premiumSubsidyFen };
}

/** Enrolls a member in basic medical insurance for a year (资助参保: the subsidy pays part or all of the premium). */
export async function insureMember(
  deps: EnrollmentDeps,
  memberIdParam: string,
  body: unknown,
  headers: CommandHeaders = {},
): Promise<{ householdId: string; memberId: string; year: number; premium: string; premiumSubsidy: string }> {
  const memberId = pathId('memberId', memberIdParam);
  const c = new Checker();
  const meta = commandMeta(deps, headers, c);
  const input = insureMemberInput(c, body);
  throwIfProblems(c);
  const householdId = await householdOf(deps, memberId);
  await runHouseholdCommand(
    deps,
    { type: 'InsureMember', data: { householdId, memberId, ...input, today: meta.today } },
    meta,
  );
  return {
    householdId,
    memberId,
    year: input.year,
    premium: formatYuan(input.premiumFen),
    premiumSubsidy: formatYuan(input.premiumSubsidyFen),
  };
}
