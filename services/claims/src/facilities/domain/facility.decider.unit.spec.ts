import { Refusal } from '@aid/event-store/decider';
import { deciderSpec } from '@aid/testing/decider';
import type { ChangeFacilityDetails, DesignateFacility, EndFacilityDesignation } from './commands';
import type { Facility, FacilityEvent } from './facility-events';
import { facilityDecider } from './facility.decider';

const AT = '2019-01-02T08:00:00.000Z';
const spec = deciderSpec(facilityDecider);

function aFacility(overrides: Partial<Facility> = {}): Facility {
  return {
    facilityId: 'keyouqianqi-peoples-hospital',
    name: '科右前旗人民医院',
    level: 'SECONDARY',
    county: '科尔沁右翼前旗',
    region: 'xingan-league',
    inCounty: true,
    designatedFrom: '2015-01-01',
    designatedUntil: null,
    accounts: { BASIC_MEDICAL_INSURANCE_FUND: '6222020200112233445' },
    ...overrides,
  };
}

const designate = (o: Partial<Facility> = {}): DesignateFacility => ({
  type: 'DesignateFacility',
  data: { ...aFacility(o), at: AT },
});
const change = (o: Partial<Facility> = {}): ChangeFacilityDetails => ({
  type: 'ChangeFacilityDetails',
  data: { ...aFacility(o), at: AT },
});
const end = (until: string): EndFacilityDesignation => ({
  type: 'EndFacilityDesignation',
  data: { facilityId: 'keyouqianqi-peoples-hospital', until, reason: 'contract not renewed', at: AT },
});
const designated = (o: Partial<Facility> = {}): FacilityEvent => ({
  type: 'FacilityDesignated',
  data: { ...aFacility(o), at: AT },
});
const ended = (until: string): FacilityEvent => ({
  type: 'FacilityDesignationEnded',
  data: { facilityId: 'keyouqianqi-peoples-hospital', until, reason: 'contract not renewed', at: AT },
});

describe('the designated facilities registry', () => {
  it('designates a facility once; the same designation again changes nothing', () => {
    spec.given().when(designate()).then([designated()]);
    spec.given(designated()).when(designate()).thenNothing();
  });

  it('refuses to designate again with other details: that is a change', () => {
    spec
      .given(designated())
      .when(designate({ level: 'TERTIARY' }))
      .thenThrows(Refusal, { code: 'FACILITY_EXISTS', kind: 'CONFLICT' });
  });

  it('changes details as a whole, and an unchanged PUT writes nothing', () => {
    spec
      .given(designated())
      .when(change({ level: 'TERTIARY', accounts: {} }))
      .then([{ type: 'FacilityDetailsChanged', data: { ...aFacility({ level: 'TERTIARY', accounts: {} }), at: AT } }]);
    spec.given(designated()).when(change()).thenNothing();
    spec.given().when(change()).thenThrows(Refusal, { code: 'FACILITY_NOT_FOUND', kind: 'NOT_FOUND' });
  });

  it('tells accounts apart fund by fund', () => {
    const events = spec
      .given(designated())
      .when(change({ accounts: { BASIC_MEDICAL_INSURANCE_FUND: '6222020200112233446' } }))
      .events();
    expect(events.map((e) => e.type)).toEqual(['FacilityDetailsChanged']);
  });

  it('ends a designation on a day, once; an ended one cannot be changed', () => {
    spec
      .given(designated())
      .when(end('2019-06-30'))
      .then([ended('2019-06-30')]);
    spec.given(designated(), ended('2019-06-30')).when(end('2019-06-30')).thenNothing();
    spec
      .given(designated(), ended('2019-06-30'))
      .when(end('2019-07-31'))
      .thenThrows(Refusal, { code: 'FACILITY_DESIGNATION_ENDED' });
    spec
      .given(designated(), ended('2019-06-30'))
      .when(change())
      .thenThrows(Refusal, { code: 'FACILITY_DESIGNATION_ENDED' });
    expect(spec.given(designated(), ended('2019-06-30')).when(end('2019-06-30')).state()).toMatchObject({
      status: 'ended',
      facility: { designatedUntil: '2019-06-30' },
    });
  });

  it('refuses an end before the designation began, and an end of an unknown facility', () => {
    spec
      .given(designated())
      .when(end('2014-12-31'))
      .thenThrows(Refusal, { code: 'DESIGNATION_END_BEFORE_START', kind: 'RULE' });
    spec.given().when(end('2019-06-30')).thenThrows(Refusal, { code: 'FACILITY_NOT_FOUND' });
  });
});
