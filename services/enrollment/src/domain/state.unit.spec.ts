import { fold } from '@aid/event-store';
import { householdDecider } from './household';
import {
  HEAD_ID,
  MEMBER_ID,
  aHouseholdWithAMember,
  bankCardChanged,
  bankCardRegistered,
  diseaseCertified,
  memberAdded,
  memberInsured,
  personalDataErased,
} from '../testing/household-fixtures';

describe('evolve', () => {
  it('starts unregistered', () => {
    expect(fold(householdDecider, [])).toEqual({ status: 'Unregistered' });
  });

  it('folds a household, its members, their insured years (by year) and diseases', () => {
    const state = fold(householdDecider, [
      ...aHouseholdWithAMember(),
      memberInsured({ year: 2021 }),
      memberInsured({ year: 2020, premium: '280.00', premiumSubsidy: '180.00' }),
      diseaseCertified(),
      bankCardRegistered(),
      personalDataErased(),
    ]);
    expect(state).toEqual({
      status: 'Registered',
      householdId: 'hh-1',
      region: 'xingan-league',
      address: {
        province: '内蒙古自治区',
        city: '兴安盟',
        county: '乌兰浩特市',
        township: '义勒力特镇',
        village: '示例村',
      },
      registeredOn: '2019-03-01',
      categories: ['POOR'],
      members: [
        {
          memberId: HEAD_ID,
          relation: 'HEAD',
          birthDate: '1970-01-15',
          sex: 'MALE',
          categories: [],
          addedOn: '2019-03-01',
          insurance: [],
          diseases: [],
          personalData: { status: 'HELD' },
          bankCard: { status: 'NONE' },
        },
        {
          memberId: MEMBER_ID,
          relation: 'CHILD',
          birthDate: '2010-05-04',
          sex: 'FEMALE',
          categories: [],
          addedOn: '2019-04-01',
          insurance: [
            { year: 2020, premium: '280.00', premiumSubsidy: '180.00' },
            { year: 2021, premium: '250.00', premiumSubsidy: '250.00' },
          ],
          diseases: [{ kind: 'CHRONIC', diseaseCode: 'DIABETES', certifiedOn: '2019-06-01' }],
          personalData: { status: 'ERASED', erasedOn: '2020-01-02' },
          bankCard: { status: 'ERASED', erasedOn: '2020-01-02' },
        },
      ],
    });
  });

  it('keeps the card on file by reference, since the date it went on file; a change replaces it', () => {
    const cardOf = (...extra: Parameters<typeof householdDecider.evolve>[1][]) => {
      const state = fold(householdDecider, [...aHouseholdWithAMember(), ...extra]);
      return state.status === 'Registered' ? state.members.map((m) => m.bankCard) : null;
    };
    expect(cardOf(bankCardRegistered())).toEqual([
      { status: 'NONE' },
      { status: 'ON_FILE', cardReference: 'card-ref-1', onFileSince: '2019-05-01' },
    ]);
    expect(cardOf(bankCardRegistered(), bankCardChanged())).toEqual([
      { status: 'NONE' },
      { status: 'ON_FILE', cardReference: 'card-ref-2', onFileSince: '2020-02-01' },
    ]);
    expect(cardOf(personalDataErased())).toEqual([{ status: 'NONE' }, { status: 'NONE' }]);
  });

  it('ignores a member event for a household never registered', () => {
    expect(fold(householdDecider, [memberAdded()])).toEqual({ status: 'Unregistered' });
  });
});
