import { Refusal } from '@aid/event-store/decider';
import { deciderSpec } from '@aid/testing/decider';
import {
  TODAY,
  aHouseholdWithAMember,
  aRegisteredHousehold,
  erasePersonalDataCommand,
  memberInsured,
  personalDataErased,
} from '../testing/household-fixtures';
import { householdDecider } from './household';

const spec = deciderSpec(householdDecider);

describe('ErasePersonalData', () => {
  describe('an unregistered household', () => {
    it('has nobody to forget', () => {
      spec
        .given()
        .when(erasePersonalDataCommand())
        .thenThrows(Refusal, { code: 'HOUSEHOLD_NOT_FOUND', kind: 'NOT_FOUND' });
    });
  });

  describe('a registered household', () => {
    it('refuses a member it does not have', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(erasePersonalDataCommand())
        .thenThrows(Refusal, { code: 'MEMBER_NOT_FOUND', kind: 'NOT_FOUND' });
    });
  });

  describe('a member whose personal data is held', () => {
    it('records the erasure, dated today', () => {
      spec
        .given(...aHouseholdWithAMember(), memberInsured())
        .when(erasePersonalDataCommand())
        .then([personalDataErased({ erasedOn: TODAY })]);
    });
  });

  describe('a member already forgotten', () => {
    it('changes nothing', () => {
      spec
        .given(...aHouseholdWithAMember(), personalDataErased())
        .when(erasePersonalDataCommand())
        .then([]);
    });
  });
});
