import { given } from '../testing/given-when-then';
import {
  aHouseholdWithAMember,
  aRegisteredHousehold,
  certifyDiseaseCommand,
  diseaseCertified,
} from '../testing/household-fixtures';

describe('CertifyDisease', () => {
  describe('an unregistered household', () => {
    it('has nobody to certify', () => {
      given().when(certifyDiseaseCommand()).thenRefused('HOUSEHOLD_NOT_FOUND', 'NOT_FOUND');
    });
  });

  describe('a registered household', () => {
    it('refuses a member it does not have', () => {
      given(...aRegisteredHousehold())
        .when(certifyDiseaseCommand())
        .thenRefused('MEMBER_NOT_FOUND', 'NOT_FOUND');
    });
  });

  describe('a household with a member', () => {
    it('certifies a chronic disease', () => {
      given(...aHouseholdWithAMember())
        .when(certifyDiseaseCommand())
        .then([diseaseCertified()]);
    });

    it('certifies a major disease on the day the member was added', () => {
      given(...aHouseholdWithAMember())
        .when(certifyDiseaseCommand({ kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-04-01' }))
        .then([diseaseCertified({ kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-04-01' })]);
    });

    it('refuses a certification before the member was registered', () => {
      given(...aHouseholdWithAMember())
        .when(certifyDiseaseCommand({ certifiedOn: '2019-03-31' }))
        .thenRefused('CERTIFIED_BEFORE_REGISTRATION', 'RULE');
    });

    it('refuses a certification after today', () => {
      given(...aHouseholdWithAMember())
        .when(certifyDiseaseCommand({ certifiedOn: '2020-07-01' }))
        .thenRefused('DATE_IN_FUTURE', 'RULE');
    });
  });

  describe('a member with a certified disease', () => {
    it('cannot have the same disease certified twice', () => {
      given(...aHouseholdWithAMember(), diseaseCertified())
        .when(certifyDiseaseCommand({ certifiedOn: '2020-01-01' }))
        .thenRefused('DISEASE_ALREADY_CERTIFIED', 'CONFLICT');
    });

    it('can have the same code certified as the other kind', () => {
      given(...aHouseholdWithAMember(), diseaseCertified({ kind: 'CHRONIC' }))
        .when(certifyDiseaseCommand({ kind: 'MAJOR' }))
        .then([diseaseCertified({ kind: 'MAJOR' })]);
    });
  });
});
