import { Refusal } from '@aid/event-store/decider';
import { deciderSpec } from '@aid/testing/decider';
import {
  CARD_REFERENCE,
  TODAY,
  aHouseholdWithAMember,
  aRegisteredHousehold,
  bankCardChanged,
  bankCardRegistered,
  personalDataErased,
  registerBankCardCommand,
} from '../testing/household-fixtures';
import { householdDecider } from './household';

const spec = deciderSpec(householdDecider);

describe('RegisterBankCard', () => {
  describe('an unregistered household', () => {
    it('has nobody to pay', () => {
      spec
        .given()
        .when(registerBankCardCommand())
        .thenThrows(Refusal, { code: 'HOUSEHOLD_NOT_FOUND', kind: 'NOT_FOUND' });
    });
  });

  describe('a registered household', () => {
    it('refuses a member it does not have', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(registerBankCardCommand())
        .thenThrows(Refusal, { code: 'MEMBER_NOT_FOUND', kind: 'NOT_FOUND' });
    });
  });

  describe('a member without a card', () => {
    it('puts the card on file by its reference, dated today', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(registerBankCardCommand())
        .then([bankCardRegistered({ registeredOn: TODAY })]);
    });
  });

  describe('a member with a card on file', () => {
    it('the same card again (its reference) decides nothing: a retry', () => {
      spec
        .given(...aHouseholdWithAMember(), bankCardRegistered())
        .when(registerBankCardCommand({ cardReference: CARD_REFERENCE }))
        .thenNothing();
    });

    it('another card replaces it, naming the one it replaces', () => {
      spec
        .given(...aHouseholdWithAMember(), bankCardRegistered())
        .when(registerBankCardCommand({ cardReference: 'card-ref-2' }))
        .then([bankCardChanged({ changedOn: TODAY })]);
    });

    it('the card before the last, given again, is a change too', () => {
      spec
        .given(...aHouseholdWithAMember(), bankCardRegistered(), bankCardChanged())
        .when(registerBankCardCommand({ cardReference: CARD_REFERENCE }))
        .then([
          bankCardChanged({ cardReference: CARD_REFERENCE, previousCardReference: 'card-ref-2', changedOn: TODAY }),
        ]);
    });
  });

  describe('a forgotten member', () => {
    it('gets no card: that would collect again what the erasure removed', () => {
      spec
        .given(...aHouseholdWithAMember(), bankCardRegistered(), personalDataErased())
        .when(registerBankCardCommand({ cardReference: 'card-ref-3' }))
        .thenThrows(Refusal, { code: 'PERSONAL_DATA_ERASED', kind: 'RULE' });
    });

    it('gets none even if none was on file', () => {
      spec
        .given(...aHouseholdWithAMember(), personalDataErased())
        .when(registerBankCardCommand())
        .thenThrows(Refusal, { code: 'PERSONAL_DATA_ERASED', kind: 'RULE' });
    });
  });
});
