import { Checker } from '@aid/contracts';
import { maskBankCardNumber } from '../domain/bank-card-number';
import { findMember } from '../domain/state';
import { commandMeta, type CommandHeaders } from '../shared/command-meta';
import type { EnrollmentDeps } from '../shared/deps';
import { pathId, throwIfProblems } from '../shared/input';
import { householdOf } from '../shared/member-household';
import { loadBankCards, storeBankCard } from '../shared/personal-data';
import { runHouseholdCommand } from '../shared/run-household-command';
import { bankCardInput } from './bank-card-input';

export interface BankCardAnswer {
  householdId: string;
  memberId: string;
  bankCard: { status: 'ON_FILE'; cardReference: string; bankName: string; masked: string; onFileSince: string };
}

/**
 * Puts a member's bank card on file (预留银行卡, for 打卡结算). The number, bank and holder go
 * to the erasable store in the same transaction as the event, which names only a random
 * reference. The card already on file, sent again, keeps its reference: the decider then
 * sees a retry and records nothing; anything else gets a new reference and replaces it.
 */
export async function registerBankCard(
  deps: EnrollmentDeps,
  memberIdParam: string,
  body: unknown,
  headers: CommandHeaders = {},
): Promise<BankCardAnswer> {
  const memberId = pathId('memberId', memberIdParam);
  const c = new Checker();
  const meta = commandMeta(deps, headers, c);
  const input = bankCardInput(c, body);
  throwIfProblems(c);
  const householdId = await householdOf(deps, memberId);
  const onFile = (await loadBankCards(deps.pool, deps.schema, [memberId])).get(memberId);
  const same =
    onFile?.cardNumber === input.cardNumber &&
    onFile.bankName === input.bankName &&
    onFile.holderName === input.holderName;
  const cardReference = same ? onFile.cardReference : deps.newId();
  let onFileSince = meta.today;
  await runHouseholdCommand(
    deps,
    { type: 'RegisterBankCard', data: { householdId, memberId, cardReference, today: meta.today } },
    meta,
    async (client, events, state) => {
      if (events.length > 0) await storeBankCard(client, deps.schema, memberId, { cardReference, ...input });
      const card = state.status === 'Registered' ? findMember(state, memberId)?.bankCard : undefined;
      // A retry answers with the date of the first time.
      if (card?.status === 'ON_FILE') onFileSince = card.onFileSince;
    },
  );
  return {
    householdId,
    memberId,
    bankCard: {
      status: 'ON_FILE',
      cardReference,
      bankName: input.bankName,
      masked: maskBankCardNumber(input.cardNumber),
      onFileSince,
    },
  };
}
