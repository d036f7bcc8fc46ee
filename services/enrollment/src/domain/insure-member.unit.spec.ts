import { Refusal } from '@aid/event-store/decider';
import { deciderSpec } from '@aid/testing/decider';
import {
  aHouseholdWithAMember,
  aRegisteredHousehold,
  insureMemberCommand,
  memberAdded,
  memberInsured,
} from '../testing/household-fixtures';
import { householdDecider } from './household';

const spec = deciderSpec(householdDecider);

describe('InsureMember', () => {
  describe('an unregistered household', () => {
    it('has nobody to insure', () => {
      spec.given().when(insureMemberCommand()).thenThrows(Refusal, { code: 'HOUSEHOLD_NOT_FOUND', kind: 'NOT_FOUND' });
    });
  });

  describe('a registered household', () => {
    it('refuses a member it does not have', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(insureMemberCommand())
        .thenThrows(Refusal, { code: 'MEMBER_NOT_FOUND', kind: 'NOT_FOUND' });
    });
  });

  describe('a household with a member', () => {
    it('insures the member for a year with a full subsidy (资助参保), yuan with two decimals', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(insureMemberCommand())
        .then([memberInsured()]);
    });

    it('insures with a partial subsidy', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ premiumFen: 28050, premiumSubsidyFen: 18000 }))
        .then([memberInsured({ premium: '280.50', premiumSubsidy: '180.00' })]);
    });

    it('insures for the year of registration', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ year: 2019 }))
        .then([memberInsured({ year: 2019 })]);
    });

    it('insures for next year (enrollment opens before the year)', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ year: 2021 }))
        .then([memberInsured({ year: 2021 })]);
    });

    it('refuses a year before the household was registered', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ year: 2018 }))
        .thenThrows(Refusal, { code: 'INSURANCE_YEAR_BEFORE_REGISTRATION', kind: 'RULE' });
    });

    it('refuses a year more than one ahead of today', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ year: 2022 }))
        .thenThrows(Refusal, { code: 'INSURANCE_YEAR_TOO_FAR_AHEAD', kind: 'RULE' });
    });

    it('refuses a subsidy above the premium', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ premiumFen: 25000, premiumSubsidyFen: 25001 }))
        .thenThrows(Refusal, { code: 'SUBSIDY_EXCEEDS_PREMIUM', kind: 'RULE' });
    });

    it('refuses amounts that are not whole fen', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ premiumFen: 250.5 }))
        .thenThrows(Refusal, { code: 'INVALID_AMOUNT', kind: 'RULE' });
    });
  });

  describe('a member born after the household was registered', () => {
    const newborn = memberAdded({
      memberId: 'm-baby',
      relation: 'GRANDCHILD',
      birthDate: '2020-02-02',
      addedOn: '2020-02-02',
    });

    it('cannot be insured for a year before their birth', () => {
      spec
        .given(...aRegisteredHousehold(), newborn)
        .when(insureMemberCommand({ memberId: 'm-baby', year: 2019 }))
        .thenThrows(Refusal, { code: 'INSURANCE_YEAR_BEFORE_BIRTH', kind: 'RULE' });
    });

    it('can be insured for the year of birth', () => {
      spec
        .given(...aRegisteredHousehold(), newborn)
        .when(insureMemberCommand({ memberId: 'm-baby', year: 2020 }))
        .then([memberInsured({ memberId: 'm-baby', year: 2020 })]);
    });
  });

  describe('a member insured for a year', () => {
    it('insured again for the same year with the same amounts decides nothing: a retry', () => {
      spec
        .given(...aHouseholdWithAMember(), memberInsured({ year: 2020 }))
        .when(insureMemberCommand({ year: 2020 }))
        .thenNothing();
    });

    it('cannot be insured for the same year with other amounts', () => {
      spec
        .given(...aHouseholdWithAMember(), memberInsured({ year: 2020 }))
        .when(insureMemberCommand({ year: 2020, premiumSubsidyFen: 1 }))
        .thenThrows(Refusal, { code: 'ALREADY_INSURED', kind: 'CONFLICT' });
    });

    it('can be insured for another year', () => {
      spec
        .given(...aHouseholdWithAMember(), memberInsured({ year: 2020 }))
        .when(insureMemberCommand({ year: 2019 }))
        .then([memberInsured({ year: 2019 })]);
    });
  });
});
