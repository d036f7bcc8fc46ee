import { Refusal } from '@aid/event-store/decider';
import { deciderSpec } from '@aid/testing/decider';
import {
  aHouseholdWithAMember,
  aRegisteredHousehold,
  certifyDiseaseCommand,
  diseaseCertified,
} from '../testing/household-fixtures';
import { householdDecider } from './household';

const spec = deciderSpec(householdDecider);

describe('CertifyDisease', () => {
  describe('an unregistered household', () => {
    it('has nobody to certify', () => {
      spec
        .given()
        .when(certifyDiseaseCommand())
        .thenThrows(Refusal, { code: 'HOUSEHOLD_NOT_FOUND', kind: 'NOT_FOUND' });
    });
  });

  describe('a registered household', () => {
    it('refuses a member it does not have', () => {
      spec
        .given(...aRegisteredHousehold())
        .when(certifyDiseaseCommand())
        .thenThrows(Refusal, { code: 'MEMBER_NOT_FOUND', kind: 'NOT_FOUND' });
    });
  });

  describe('a household with a member', () => {
    it('certifies a chronic disease', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(certifyDiseaseCommand())
        .then([diseaseCertified()]);
    });

    it('certifies a major disease on the day the member was added', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(certifyDiseaseCommand({ kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-04-01' }))
        .then([diseaseCertified({ kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-04-01' })]);
    });

    it('refuses a certification before the member was registered', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(certifyDiseaseCommand({ certifiedOn: '2019-03-31' }))
        .thenThrows(Refusal, { code: 'CERTIFIED_BEFORE_REGISTRATION', kind: 'RULE' });
    });

    it('refuses a certification after today', () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(certifyDiseaseCommand({ certifiedOn: '2020-07-01' }))
        .thenThrows(Refusal, { code: 'DATE_IN_FUTURE', kind: 'RULE' });
    });
  });

  describe('a member with a certified disease', () => {
    it('cannot have the same disease certified twice', () => {
      spec
        .given(...aHouseholdWithAMember(), diseaseCertified())
        .when(certifyDiseaseCommand({ certifiedOn: '2020-01-01' }))
        .thenThrows(Refusal, { code: 'DISEASE_ALREADY_CERTIFIED', kind: 'CONFLICT' });
    });

    it('decides nothing when the same certification comes again: a retry', () => {
      spec
        .given(...aHouseholdWithAMember(), diseaseCertified())
        .when(certifyDiseaseCommand())
        .thenNothing();
    });

    it('can have the same code certified as the other kind', () => {
      spec
        .given(...aHouseholdWithAMember(), diseaseCertified({ kind: 'CHRONIC', diseaseCode: 'UREMIA' }))
        .when(certifyDiseaseCommand({ kind: 'MAJOR', diseaseCode: 'UREMIA' }))
        .then([diseaseCertified({ kind: 'MAJOR', diseaseCode: 'UREMIA' })]);
    });
  });

  describe("the region's list", () => {
    it("refuses a code that is not on the household's region list for that kind", () => {
      spec
        .given(...aHouseholdWithAMember())
        .when(certifyDiseaseCommand({ kind: 'MAJOR', diseaseCode: 'DIABETES' }))
        .thenThrows(Refusal, { code: 'DISEASE_NOT_ON_REGION_LIST', kind: 'RULE' });
    });
  });
});
