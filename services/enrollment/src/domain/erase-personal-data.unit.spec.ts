import { given } from '../testing/given-when-then';
import {
  TODAY,
  aHouseholdWithAMember,
  aRegisteredHousehold,
  erasePersonalDataCommand,
  memberInsured,
  personalDataErased,
} from '../testing/household-fixtures';

describe('ErasePersonalData', () => {
  describe('an unregistered household', () => {
    it('has nobody to forget', () => {
      given().when(erasePersonalDataCommand()).thenRefused('HOUSEHOLD_NOT_FOUND', 'NOT_FOUND');
    });
  });

  describe('a registered household', () => {
    it('refuses a member it does not have', () => {
      given(...aRegisteredHousehold())
        .when(erasePersonalDataCommand())
        .thenRefused('MEMBER_NOT_FOUND', 'NOT_FOUND');
    });
  });

  describe('a member whose personal data is held', () => {
    it('records the erasure, dated today', () => {
      given(...aHouseholdWithAMember(), memberInsured())
        .when(erasePersonalDataCommand())
        .then([personalDataErased({ erasedOn: TODAY })]);
    });
  });

  describe('a member already forgotten', () => {
    it('changes nothing', () => {
      given(...aHouseholdWithAMember(), personalDataErased())
        .when(erasePersonalDataCommand())
        .then([]);
    });
  });
});
