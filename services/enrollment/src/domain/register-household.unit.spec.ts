import { Refusal } from '@aid/event-store/decider';
import { deciderSpec } from '@aid/testing/decider';
import {
  HEAD_ID,
  aRegisteredHousehold,
  headAdded,
  householdRegistered,
  registerHouseholdCommand,
} from '../testing/household-fixtures';
import { householdDecider } from './household';

const spec = deciderSpec(householdDecider);

describe('RegisterHousehold', () => {
  describe('an unregistered household', () => {
    it('is registered with its head as the first member, added on the registration date', () => {
      spec
        .given()
        .when(registerHouseholdCommand())
        .then([householdRegistered(), headAdded({ memberId: HEAD_ID, addedOn: '2019-03-01' })]);
    });

    it('gives the head the categories of their own', () => {
      spec
        .given()
        .when(
          registerHouseholdCommand({
            head: { memberId: HEAD_ID, birthDate: '1970-01-15', sex: 'MALE', categories: ['EXTREME_POOR'] },
          }),
        )
        .then([householdRegistered(), headAdded({ categories: ['EXTREME_POOR'] })]);
    });

    it('may be registered today', () => {
      spec
        .given()
        .when(registerHouseholdCommand({ registeredOn: '2020-06-30', today: '2020-06-30' }))
        .then([householdRegistered({ registeredOn: '2020-06-30' }), headAdded({ addedOn: '2020-06-30' })]);
    });

    it('is refused a registration date after today', () => {
      spec
        .given()
        .when(registerHouseholdCommand({ registeredOn: '2020-07-01', today: '2020-06-30' }))
        .thenThrows(Refusal, { code: 'DATE_IN_FUTURE', kind: 'RULE' });
    });

    it('is refused a head born after the registration date', () => {
      spec
        .given()
        .when(
          registerHouseholdCommand({
            head: { memberId: HEAD_ID, birthDate: '2019-03-02', sex: 'MALE', categories: [] },
          }),
        )
        .thenThrows(Refusal, { code: 'BORN_AFTER_REGISTRATION', kind: 'RULE' });
    });
  });

  describe('a registered household', () => {
    it('decides nothing when the same registration comes again: a retry', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(registerHouseholdCommand())
        .thenNothing();
    });

    it('cannot be registered again with other facts', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(registerHouseholdCommand({ registeredOn: '2019-03-02' }))
        .thenThrows(Refusal, { code: 'HOUSEHOLD_ALREADY_REGISTERED', kind: 'CONFLICT' });
    });
  });
});
