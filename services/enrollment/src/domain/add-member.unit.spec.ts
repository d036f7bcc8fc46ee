import { Refusal } from '@aid/event-store/decider';
import { deciderSpec } from '@aid/testing/decider';
import {
  HEAD_ID,
  aHouseholdWithAMember,
  aRegisteredHousehold,
  addMemberCommand,
  memberAdded,
} from '../testing/household-fixtures';
import { householdDecider } from './household';

const spec = deciderSpec(householdDecider);

describe('AddMember', () => {
  describe('an unregistered household', () => {
    it('has no members to add to', () => {
      spec.given().when(addMemberCommand()).thenThrows(Refusal, { code: 'HOUSEHOLD_NOT_FOUND', kind: 'NOT_FOUND' });
    });
  });

  describe('a registered household', () => {
    it('takes a new member', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(addMemberCommand())
        .then([memberAdded()]);
    });

    it('takes a member with categories of their own', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(addMemberCommand({ categories: ['LOW_INCOME'] }))
        .then([memberAdded({ categories: ['LOW_INCOME'] })]);
    });

    it('takes a member added on the registration date', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(addMemberCommand({ addedOn: '2019-03-01' }))
        .then([memberAdded({ addedOn: '2019-03-01' })]);
    });

    it('takes a newborn added on the day of birth', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(addMemberCommand({ birthDate: '2020-02-02', addedOn: '2020-02-02' }))
        .then([memberAdded({ birthDate: '2020-02-02', addedOn: '2020-02-02' })]);
    });

    it('refuses a second head', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(addMemberCommand({ relation: 'HEAD' }))
        .thenThrows(Refusal, { code: 'HEAD_ALREADY_REGISTERED', kind: 'CONFLICT' });
    });

    it('refuses a member id it already has', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(addMemberCommand({ memberId: HEAD_ID }))
        .thenThrows(Refusal, { code: 'MEMBER_ALREADY_ADDED', kind: 'CONFLICT' });
    });

    it('refuses a member added before the household was registered', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(addMemberCommand({ addedOn: '2019-02-28' }))
        .thenThrows(Refusal, { code: 'ADDED_BEFORE_REGISTRATION', kind: 'RULE' });
    });

    it('refuses a member added after today', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(addMemberCommand({ addedOn: '2020-07-01' }))
        .thenThrows(Refusal, { code: 'DATE_IN_FUTURE', kind: 'RULE' });
    });

    it('refuses a member born after the date they are added', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(addMemberCommand({ birthDate: '2019-05-01', addedOn: '2019-04-30' }))
        .thenThrows(Refusal, { code: 'BORN_AFTER_ADDED', kind: 'RULE' });
    });
  });

  describe('a household with a member', () => {
    it('decides nothing when the same member is added again: a retry', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(addMemberCommand())
        .thenNothing();
    });

    it('refuses another member under the same id', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(addMemberCommand({ relation: 'PARENT' }))
        .thenThrows(Refusal, { code: 'MEMBER_ALREADY_ADDED', kind: 'CONFLICT' });
    });
  });
});
