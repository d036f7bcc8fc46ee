import { fold } from '@aid/event-store';
import type { RegisteredHousehold } from '../domain/state';
import { householdDecider } from '../domain/household';
import {
  HEAD_ID,
  MEMBER_ID,
  CARD_REFERENCE,
  aHouseholdWithAMember,
  bankCardChanged,
  bankCardRegistered,
  memberAdded,
  memberInsured,
  personalDataErased,
} from '../testing/household-fixtures';
import { householdView } from './household-view';

function household(...extra: Parameters<typeof householdDecider.evolve>[1][]): RegisteredHousehold {
  const state = fold(householdDecider, [...aHouseholdWithAMember(), ...extra]);
  if (state.status !== 'Registered') throw new Error('expected a registered household');
  return state;
}

describe('household view', () => {
  it('shows names, no character of an ID number, effective categories in precedence order and the self-paid premium', () => {
    const view = householdView(
      household(
        memberAdded({ memberId: 'm-3', categories: ['MARGINAL', 'EXTREME_POOR'] }),
        memberInsured({ premium: '280.50', premiumSubsidy: '180.00' }),
      ),
      new Map([
        [HEAD_ID, { name: '张三', idNumber: '152201196804120112' }],
        [MEMBER_ID, { name: '张小花', idNumber: '15220120081120004X' }],
      ]),
    );
    expect(view.members.map((m) => [m.memberId, m.name, m.effectiveCategories])).toEqual([
      [HEAD_ID, '张三', ['POOR']],
      [MEMBER_ID, '张小花', ['POOR']],
      ['m-3', null, ['EXTREME_POOR', 'POOR', 'MARGINAL']],
    ]);
    const shown = JSON.stringify(view);
    for (const part of ['152201', '0112', '004X']) expect(shown).not.toContain(part);
    expect(view.members[1].insurance).toEqual([
      { year: 2020, premium: '280.50', premiumSubsidy: '180.00', selfPaid: '100.50' },
    ]);
  });

  it('shows a forgotten member without name or number even if a row were left behind', () => {
    const view = householdView(
      household(personalDataErased()),
      new Map([[MEMBER_ID, { name: '张小花', idNumber: '15220120081120004X' }]]),
    );
    expect(view.members[1]).toMatchObject({
      name: null,
      personalData: { status: 'ERASED', erasedOn: '2020-01-02' },
    });
  });

  describe('the bank card on file', () => {
    const card = {
      cardReference: CARD_REFERENCE,
      cardNumber: '6228480040011234567',
      bankName: '中国农业银行',
      holderName: '张小花',
    };

    it('shows its bank and last four digits, never the number or its holder', () => {
      const view = householdView(household(bankCardRegistered()), new Map(), new Map([[MEMBER_ID, card]]));
      expect(view.members.map((m) => m.bankCard)).toEqual([
        { status: 'NONE' },
        {
          status: 'ON_FILE',
          cardReference: CARD_REFERENCE,
          bankName: '中国农业银行',
          masked: '•••• 4567',
          onFileSince: '2019-05-01',
        },
      ]);
      const shown = JSON.stringify(view);
      for (const part of ['622848', '0040011', '张小花']) expect(shown).not.toContain(part);
    });

    it('shows no number the events do not name, and none once the person is forgotten', () => {
      const changed = householdView(
        household(bankCardRegistered(), bankCardChanged()),
        new Map(),
        new Map([[MEMBER_ID, card]]),
      );
      expect(changed.members[1].bankCard).toMatchObject({ status: 'ON_FILE', bankName: null, masked: null });
      const forgotten = householdView(
        household(bankCardRegistered(), personalDataErased()),
        new Map(),
        new Map([[MEMBER_ID, card]]),
      );
      expect(forgotten.members[1].bankCard).toEqual({ status: 'ERASED', erasedOn: '2020-01-02' });
    });
  });
});
