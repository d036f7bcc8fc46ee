import { given } from '../testing/given-when-then';
import {
  aHouseholdWithAMember,
  aRegisteredHousehold,
  insureMemberCommand,
  memberAdded,
  memberInsured,
} from '../testing/household-fixtures';

describe('InsureMember', () => {
  describe('an unregistered household', () => {
    it('has nobody to insure', () => {
      given().when(insureMemberCommand()).thenRefused('HOUSEHOLD_NOT_FOUND', 'NOT_FOUND');
    });
  });

  describe('a registered household', () => {
    it('refuses a member it does not have', () => {
      given(...aRegisteredHousehold())
        .when(insureMemberCommand())
        .thenRefused('MEMBER_NOT_FOUND', 'NOT_FOUND');
    });
  });

  describe('a household with a member', () => {
    it('insures the member for a year with a full subsidy (资助参保), yuan with two decimals', () => {
      given(...aHouseholdWithAMember())
        .when(insureMemberCommand())
        .then([memberInsured()]);
    });

    it('insures with a partial subsidy', () => {
      given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ premiumFen: 28050, premiumSubsidyFen: 18000 }))
        .then([memberInsured({ premium: '280.50', premiumSubsidy: '180.00' })]);
    });

    it('insures for the year of registration', () => {
      given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ year: 2019 }))
        .then([memberInsured({ year: 2019 })]);
    });

    it('insures for next year (enrollment opens before the year)', () => {
      given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ year: 2021 }))
        .then([memberInsured({ year: 2021 })]);
    });

    it('refuses a year before the household was registered', () => {
      given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ year: 2018 }))
        .thenRefused('INSURANCE_YEAR_BEFORE_REGISTRATION', 'RULE');
    });

    it('refuses a year more than one ahead of today', () => {
      given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ year: 2022 }))
        .thenRefused('INSURANCE_YEAR_TOO_FAR_AHEAD', 'RULE');
    });

    it('refuses a subsidy above the premium', () => {
      given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ premiumFen: 25000, premiumSubsidyFen: 25001 }))
        .thenRefused('SUBSIDY_EXCEEDS_PREMIUM', 'RULE');
    });

    it('refuses amounts that are not whole fen', () => {
      given(...aHouseholdWithAMember())
        .when(insureMemberCommand({ premiumFen: 250.5 }))
        .thenRefused('INVALID_AMOUNT', 'RULE');
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
      given(...aRegisteredHousehold(), newborn)
        .when(insureMemberCommand({ memberId: 'm-baby', year: 2019 }))
        .thenRefused('INSURANCE_YEAR_BEFORE_BIRTH', 'RULE');
    });

    it('can be insured for the year of birth', () => {
      given(...aRegisteredHousehold(), newborn)
        .when(insureMemberCommand({ memberId: 'm-baby', year: 2020 }))
        .then([memberInsured({ memberId: 'm-baby', year: 2020 })]);
    });
  });

  describe('a member insured for a year', () => {
    it('cannot be insured for the same year twice', () => {
      given(...aHouseholdWithAMember(), memberInsured({ year: 2020 }))
        .when(insureMemberCommand({ year: 2020 }))
        .thenRefused('ALREADY_INSURED', 'CONFLICT');
    });

    it('can be insured for another year', () => {
      given(...aHouseholdWithAMember(), memberInsured({ year: 2020 }))
        .when(insureMemberCommand({ year: 2019 }))
        .then([memberInsured({ year: 2019 })]);
    });
  });
});
