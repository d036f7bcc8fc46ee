import { validIdNumber } from '../../../services/enrollment/src/testing';

/**
 * A small demo set: one registered poor household in each region the seeds describe, with
 * bills in the years their policies cover (config/policies). Names and ID numbers are made
 * up (valid check digits, never a real person's).
 */
export interface DemoMember {
  memberId: string;
  name: string;
  idNumber: string;
  relation: string;
  insuredYears: number[];
  diseases: { kind: 'MAJOR' | 'CHRONIC'; diseaseCode: string; certifiedOn: string }[];
}

export interface DemoHousehold {
  householdId: string;
  region: string;
  address: { province: string; city: string; county: string; township: string; village: string };
  registeredOn: string;
  categories: string[];
  members: DemoMember[];
}

export interface DemoBill {
  claimId: string;
  memberId: string;
  hospitalId: string;
  admissionDate: string;
  dischargeDate: string;
  visitType: 'INPATIENT' | 'CHRONIC_OUTPATIENT';
  totalCost: string;
  eligibleCost: string;
}

/** A designated facility as the bureau registers it with claims (POST /facilities). */
export interface DemoFacility {
  facilityId: string;
  name: string;
  level: 'PRIMARY' | 'SECONDARY' | 'TERTIARY';
  county: string;
  region: string;
  inCounty: boolean;
  designatedFrom: string;
  designatedUntil: string | null;
  accounts: Record<string, string>;
}

const id = (regionCode: string, birthDate: string, sequence: number, sex: 'MALE' | 'FEMALE') =>
  validIdNumber({ regionCode, birthDate, sequence, sex });

export const DEMO_HOUSEHOLDS: DemoHousehold[] = [
  {
    householdId: 'XA-0001',
    region: 'xingan-league',
    address: { province: '内蒙古自治区', city: '兴安盟', county: '科尔沁右翼前旗', township: '俄体镇', village: '俄体村' },
    registeredOn: '2016-05-01',
    categories: ['POOR'],
    members: [
      {
        memberId: 'XA-0001-1',
        name: '演示甲',
        idNumber: id('152221', '1950-03-07', 11, 'MALE'),
        relation: 'HEAD',
        insuredYears: [2019],
        diseases: [
          { kind: 'MAJOR', diseaseCode: 'LUNG-CANCER', certifiedOn: '2019-01-15' },
          { kind: 'CHRONIC', diseaseCode: 'COPD', certifiedOn: '2018-03-01' },
        ],
      },
      {
        memberId: 'XA-0001-2',
        name: '演示乙',
        idNumber: id('152221', '1953-08-21', 12, 'FEMALE'),
        relation: 'SPOUSE',
        insuredYears: [2019],
        diseases: [{ kind: 'CHRONIC', diseaseCode: 'HYPERTENSION', certifiedOn: '2018-06-01' }],
      },
    ],
  },
  {
    householdId: 'ZW-0001',
    region: 'zhangwu',
    address: { province: '辽宁省', city: '阜新市', county: '彰武县', township: '哈尔套镇', village: '哈尔套村' },
    registeredOn: '2018-04-10',
    categories: ['LOW_INCOME'],
    members: [
      {
        memberId: 'ZW-0001-1',
        name: '演示丙',
        idNumber: id('210922', '1962-11-02', 21, 'MALE'),
        relation: 'HEAD',
        insuredYears: [2020],
        diseases: [{ kind: 'MAJOR', diseaseCode: 'UREMIA', certifiedOn: '2020-02-01' }],
      },
    ],
  },
  {
    householdId: 'LX-0001',
    region: 'linxian',
    address: { province: '山西省', city: '吕梁市', county: '临县', township: '临泉镇', village: '城庄村' },
    registeredOn: '2016-03-20',
    categories: ['POOR'],
    members: [
      {
        memberId: 'LX-0001-1',
        name: '演示丁',
        idNumber: id('141124', '1958-06-15', 31, 'FEMALE'),
        relation: 'HEAD',
        insuredYears: [2018],
        diseases: [],
      },
    ],
  },
  {
    householdId: 'KS-0001',
    region: 'keshiketeng',
    address: { province: '内蒙古自治区', city: '赤峰市', county: '克什克腾旗', township: '经棚镇', village: '新庙村' },
    registeredOn: '2017-06-01',
    categories: ['POOR'],
    members: [
      {
        memberId: 'KS-0001-1',
        name: '演示戊',
        idNumber: id('150425', '1966-01-30', 41, 'MALE'),
        relation: 'HEAD',
        insuredYears: [2020],
        diseases: [],
      },
      {
        memberId: 'KS-0001-2',
        name: '演示己',
        idNumber: id('150425', '2008-09-09', 42, 'FEMALE'),
        relation: 'CHILD',
        insuredYears: [2020],
        diseases: [],
      },
    ],
  },
];

/**
 * The demo bills' hospitals, designated before any bill comes (claims refuses bills of a
 * facility it does not know). Account numbers are made up; out-of-county hospitals are paid
 * nothing (the household is), so they list none.
 */
export const DEMO_FACILITIES: DemoFacility[] = [
  { facilityId: 'keyouqianqi-peoples-hospital', name: '科右前旗人民医院', level: 'SECONDARY', county: '科尔沁右翼前旗', region: 'xingan-league', inCounty: true, designatedFrom: '2015-01-01', designatedUntil: null, accounts: { BASIC_MEDICAL_INSURANCE_FUND: '622202020010001', MEDICAL_ASSISTANCE_FUND: '622202020010002', GOVERNMENT_BACKSTOP_FUND: '622202020010003' } },
  { facilityId: 'inner-mongolia-peoples-hospital', name: '内蒙古自治区人民医院', level: 'TERTIARY', county: '呼和浩特市', region: 'xingan-league', inCounty: false, designatedFrom: '2015-01-01', designatedUntil: null, accounts: {} },
  { facilityId: 'etizhen-health-center', name: '额尔格图镇卫生院', level: 'PRIMARY', county: '科尔沁右翼前旗', region: 'xingan-league', inCounty: true, designatedFrom: '2015-01-01', designatedUntil: null, accounts: { BASIC_MEDICAL_INSURANCE_FUND: '622202020010201', MEDICAL_ASSISTANCE_FUND: '622202020010202', GOVERNMENT_BACKSTOP_FUND: '622202020010203' } },
  { facilityId: 'zhangwu-county-hospital', name: '彰武县人民医院', level: 'SECONDARY', county: '彰武县', region: 'zhangwu', inCounty: true, designatedFrom: '2015-01-01', designatedUntil: null, accounts: { BASIC_MEDICAL_INSURANCE_FUND: '622202020010301', MEDICAL_ASSISTANCE_FUND: '622202020010302', GOVERNMENT_BACKSTOP_FUND: '622202020010303' } },
  { facilityId: 'linxian-peoples-hospital', name: '临县人民医院', level: 'SECONDARY', county: '临县', region: 'linxian', inCounty: true, designatedFrom: '2015-01-01', designatedUntil: null, accounts: { BASIC_MEDICAL_INSURANCE_FUND: '622202020010401', MEDICAL_ASSISTANCE_FUND: '622202020010402', GOVERNMENT_BACKSTOP_FUND: '622202020010403' } },
  { facilityId: 'jingpeng-health-center', name: '经棚镇卫生院', level: 'PRIMARY', county: '克什克腾旗', region: 'keshiketeng', inCounty: true, designatedFrom: '2015-01-01', designatedUntil: null, accounts: { BASIC_MEDICAL_INSURANCE_FUND: '622202020010501', MEDICAL_ASSISTANCE_FUND: '622202020010502', GOVERNMENT_BACKSTOP_FUND: '622202020010503' } },
  { facilityId: 'chifeng-municipal-hospital', name: '赤峰市医院', level: 'TERTIARY', county: '赤峰市', region: 'keshiketeng', inCounty: false, designatedFrom: '2015-01-01', designatedUntil: null, accounts: {} },
];

export const DEMO_BILLS: DemoBill[] = [
  // The worked examples X1, X3 and X5 of POLICY.md, for a real household.
  { claimId: 'XA-2019-0001', memberId: 'XA-0001-1', hospitalId: 'keyouqianqi-peoples-hospital', admissionDate: '2019-02-01', dischargeDate: '2019-02-10', visitType: 'INPATIENT', totalCost: '12000.00', eligibleCost: '10000.00' },
  { claimId: 'XA-2019-0002', memberId: 'XA-0001-1', hospitalId: 'inner-mongolia-peoples-hospital', admissionDate: '2019-05-02', dischargeDate: '2019-05-20', visitType: 'INPATIENT', totalCost: '80000.00', eligibleCost: '70000.00' },
  { claimId: 'XA-2019-0003', memberId: 'XA-0001-1', hospitalId: 'etizhen-health-center', admissionDate: '2019-09-02', dischargeDate: '2019-09-02', visitType: 'CHRONIC_OUTPATIENT', totalCost: '800.00', eligibleCost: '800.00' },
  { claimId: 'XA-2019-0004', memberId: 'XA-0001-2', hospitalId: 'etizhen-health-center', admissionDate: '2019-10-08', dischargeDate: '2019-10-08', visitType: 'CHRONIC_OUTPATIENT', totalCost: '800.00', eligibleCost: '800.00' },
  { claimId: 'ZW-2020-0001', memberId: 'ZW-0001-1', hospitalId: 'zhangwu-county-hospital', admissionDate: '2020-03-03', dischargeDate: '2020-03-21', visitType: 'INPATIENT', totalCost: '30000.00', eligibleCost: '26000.00' },
  { claimId: 'LX-2018-0001', memberId: 'LX-0001-1', hospitalId: 'linxian-peoples-hospital', admissionDate: '2018-07-01', dischargeDate: '2018-07-12', visitType: 'INPATIENT', totalCost: '20000.00', eligibleCost: '18000.00' },
  { claimId: 'KS-2020-0001', memberId: 'KS-0001-1', hospitalId: 'jingpeng-health-center', admissionDate: '2020-04-01', dischargeDate: '2020-04-06', visitType: 'INPATIENT', totalCost: '5000.00', eligibleCost: '4500.00' },
  { claimId: 'KS-2020-0002', memberId: 'KS-0001-2', hospitalId: 'chifeng-municipal-hospital', admissionDate: '2020-08-10', dischargeDate: '2020-08-25', visitType: 'INPATIENT', totalCost: '60000.00', eligibleCost: '50000.00' },
];
