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
  facilityLevel: 'PRIMARY' | 'SECONDARY' | 'TERTIARY';
  inCounty: boolean;
  totalCost: string;
  eligibleCost: string;
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

export const DEMO_BILLS: DemoBill[] = [
  // The worked examples X1, X3 and X5 of POLICY.md, for a real household.
  { claimId: 'XA-2019-0001', memberId: 'XA-0001-1', hospitalId: 'keyouqianqi-peoples-hospital', admissionDate: '2019-02-01', dischargeDate: '2019-02-10', visitType: 'INPATIENT', facilityLevel: 'SECONDARY', inCounty: true, totalCost: '12000.00', eligibleCost: '10000.00' },
  { claimId: 'XA-2019-0002', memberId: 'XA-0001-1', hospitalId: 'inner-mongolia-peoples-hospital', admissionDate: '2019-05-02', dischargeDate: '2019-05-20', visitType: 'INPATIENT', facilityLevel: 'TERTIARY', inCounty: false, totalCost: '80000.00', eligibleCost: '70000.00' },
  { claimId: 'XA-2019-0003', memberId: 'XA-0001-1', hospitalId: 'etizhen-health-center', admissionDate: '2019-09-02', dischargeDate: '2019-09-02', visitType: 'CHRONIC_OUTPATIENT', facilityLevel: 'PRIMARY', inCounty: true, totalCost: '800.00', eligibleCost: '800.00' },
  { claimId: 'XA-2019-0004', memberId: 'XA-0001-2', hospitalId: 'etizhen-health-center', admissionDate: '2019-10-08', dischargeDate: '2019-10-08', visitType: 'CHRONIC_OUTPATIENT', facilityLevel: 'PRIMARY', inCounty: true, totalCost: '800.00', eligibleCost: '800.00' },
  { claimId: 'ZW-2020-0001', memberId: 'ZW-0001-1', hospitalId: 'zhangwu-county-hospital', admissionDate: '2020-03-03', dischargeDate: '2020-03-21', visitType: 'INPATIENT', facilityLevel: 'SECONDARY', inCounty: true, totalCost: '30000.00', eligibleCost: '26000.00' },
  { claimId: 'LX-2018-0001', memberId: 'LX-0001-1', hospitalId: 'linxian-peoples-hospital', admissionDate: '2018-07-01', dischargeDate: '2018-07-12', visitType: 'INPATIENT', facilityLevel: 'SECONDARY', inCounty: true, totalCost: '20000.00', eligibleCost: '18000.00' },
  { claimId: 'KS-2020-0001', memberId: 'KS-0001-1', hospitalId: 'jingpeng-health-center', admissionDate: '2020-04-01', dischargeDate: '2020-04-06', visitType: 'INPATIENT', facilityLevel: 'PRIMARY', inCounty: true, totalCost: '5000.00', eligibleCost: '4500.00' },
  { claimId: 'KS-2020-0002', memberId: 'KS-0001-2', hospitalId: 'chifeng-municipal-hospital', admissionDate: '2020-08-10', dischargeDate: '2020-08-25', visitType: 'INPATIENT', facilityLevel: 'TERTIARY', inCounty: false, totalCost: '60000.00', eligibleCost: '50000.00' },
];
