import { given } from '../testing/given-when-then';
import {
  HEAD_ID,
  aHouseholdWithAMember,
  aRegisteredHousehold,
  addMemberCommand,
  memberAdded,
} from '../testing/household-fixtures';

describe('AddMember', () => {
  describe('an unregistered household', () => {
    it('has no members to add to', () => {
      given().when(addMemberCommand()).thenRefused('HOUSEHOLD_NOT_FOUND', 'NOT_FOUND');
    });
  });

  describe('a registered household', () => {
    it('takes a new member', () => {
      given(...aRegisteredHousehold())
        .when(addMemberCommand())
        .then([memberAdded()]);
    });

    it('takes a member with categories of their own', () => {
      given(...aRegisteredHousehold())
        .when(addMemberCommand({ categories: ['LOW_INCOME'] }))
        .then([memberAdded({ categories: ['LOW_INCOME'] })]);
    });

    it('takes a member added on the registration date', () => {
      given(...aRegisteredHousehold())
        .when(addMemberCommand({ addedOn: '2019-03-01' }))
        .then([memberAdded({ addedOn: '2019-03-01' })]);
    });

    it('takes a newborn added on the day of birth', () => {
      given(...aRegisteredHousehold())
        .when(addMemberCommand({ birthDate: '2020-02-02', addedOn: '2020-02-02' }))
        .then([memberAdded({ birthDate: '2020-02-02', addedOn: '2020-02-02' })]);
    });

    it('refuses a second head', () => {
      given(...aRegisteredHousehold())
        .when(addMemberCommand({ relation: 'HEAD' }))
        .thenRefused('HEAD_ALREADY_REGISTERED', 'CONFLICT');
    });

    it('refuses a member id it already has', () => {
      given(...aRegisteredHousehold())
        .when(addMemberCommand({ memberId: HEAD_ID }))
        .thenRefused('MEMBER_ALREADY_ADDED', 'CONFLICT');
    });

    it('refuses a member added before the household was registered', () => {
      given(...aRegisteredHousehold())
        .when(addMemberCommand({ addedOn: '2019-02-28' }))
        .thenRefused('ADDED_BEFORE_REGISTRATION', 'RULE');
    });

    it('refuses a member added after today', () => {
      given(...aRegisteredHousehold())
        .when(addMemberCommand({ addedOn: '2020-07-01' }))
        .thenRefused('DATE_IN_FUTURE', 'RULE');
    });

    it('refuses a member born after the date they are added', () => {
      given(...aRegisteredHousehold())
        .when(addMemberCommand({ birthDate: '2019-05-01', addedOn: '2019-04-30' }))
        .thenRefused('BORN_AFTER_ADDED', 'RULE');
    });
  });

  describe('a household with a member', () => {
    it('refuses the same member twice', () => {
      given(...aHouseholdWithAMember())
        .when(addMemberCommand())
        .thenRefused('MEMBER_ALREADY_ADDED', 'CONFLICT');
    });
  });
});
