import { assertNever, rule } from '@aid/event-store/decider';
import type { RegisterBankCard } from './commands';
import type { BankCardChanged, BankCardRegistered } from './events';
import { memberOf, registeredHousehold } from './guards';
import type { HouseholdState } from './state';

/**
 * Puts a member's bank card on file (预留银行卡) for 打卡结算. The edge stores the number and
 * tells, by the reference it sends, whether this is the card already on file (a retry:
 * nothing new) or another one (BankCardChanged). A forgotten person gets no card: that
 * would collect again the personal data the erasure removed.
 */
export function registerBankCard(
  command: RegisterBankCard,
  state: HouseholdState,
): [BankCardRegistered] | [BankCardChanged] | [] {
  const d = command.data;
  const member = memberOf(registeredHousehold(state, d.householdId), d.memberId);
  if (member.personalData.status === 'ERASED') {
    throw rule('PERSONAL_DATA_ERASED', `member ${d.memberId} was forgotten on ${member.personalData.erasedOn}`);
  }
  const card = member.bankCard;
  switch (card.status) {
    case 'NONE':
    case 'ERASED':
      return [
        {
          type: 'BankCardRegistered',
          data: {
            householdId: d.householdId,
            memberId: d.memberId,
            cardReference: d.cardReference,
            registeredOn: d.today,
          },
        },
      ];
    case 'ON_FILE':
      if (card.cardReference === d.cardReference) return [];
      return [
        {
          type: 'BankCardChanged',
          data: {
            householdId: d.householdId,
            memberId: d.memberId,
            cardReference: d.cardReference,
            previousCardReference: card.cardReference,
            changedOn: d.today,
          },
        },
      ];
    default:
      return assertNever(card, 'bank card status');
  }
}
