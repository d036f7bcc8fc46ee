import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parsePolicy, type Policy } from '@aid/settlement';
import type { BillSubmission, ClaimEvent, MemberYearEvent } from './claim-events';
import {
  ClaimIdInUse,
  claimDecider,
  decideSubmission,
  memberYearDecider,
  type ClaimState,
  type MemberYearState,
  type Patient,
  type SubmitBill,
} from './claim.decider';

const xingan2019: Policy = (() => {
  const file = path.resolve(__dirname, '../../../../../libs/settlement/test-fixtures/xingan-2019.yaml');
  const parsed = parsePolicy(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error('fixture policy does not parse');
  return parsed.policy;
})();

const poorPatient: Patient = {
  householdId: 'H1',
  region: 'xingan-league',
  categories: ['POOR'],
  insured: true,
  majorDisease: false,
  chronicDisease: true,
};

function aSubmission(overrides: Partial<BillSubmission> = {}): BillSubmission {
  return {
    claimId: 'X1',
    memberId: 'M1',
    hospitalId: 'ujimqin-county-hospital',
    admissionDate: '2019-02-01',
    dischargeDate: '2019-02-10',
    visitType: 'INPATIENT',
    facilityLevel: 'SECONDARY',
    inCounty: true,
    totalCost: '12000.00',
    eligibleCost: '10000.00',
    ...overrides,
  };
}

function aCommand(overrides: Partial<SubmitBill> = {}, submission: Partial<BillSubmission> = {}): SubmitBill {
  return { submission: aSubmission(submission), patient: poorPatient, policy: xingan2019, submittedAt: '2019-02-10T09:00:00.000Z', ...overrides };
}

const given = {
  claim: (...events: ClaimEvent[]): ClaimState => events.reduce(claimDecider.evolve, claimDecider.initialState()),
  memberYear: (...events: MemberYearEvent[]): MemberYearState =>
    events.reduce(memberYearDecider.evolve, memberYearDecider.initialState()),
};

function amounts(events: ClaimEvent[]): Record<string, string> {
  const settled = events.find((e) => e.type === 'BillSettled');
  if (!settled || settled.type !== 'BillSettled') throw new Error('no BillSettled');
  return Object.fromEntries([...settled.data.layers.map((l) => [l.layer, l.amount]), ['outOfPocket', settled.data.outOfPocket]]);
}

describe('claim decider', () => {
  describe('a new claim', () => {
    it('is settled through the five layers exactly as the worked example X1', () => {
      const decision = decideSubmission(given.claim(), given.memberYear(), aCommand());
      expect(decision.kind).toBe('settle');
      if (decision.kind !== 'settle') return;
      expect(decision.claimEvents.map((e) => e.type)).toEqual(['BillSubmitted', 'BillSettled']);
      expect(amounts(decision.claimEvents)).toEqual({
        basicMedical: '8500.00',
        criticalIllness: '0.00',
        supplementary: '750.00',
        medicalAssistance: '525.00',
        backstop: '1025.00',
        outOfPocket: '1200.00',
      });
      const settled = decision.claimEvents[1];
      expect(settled.type === 'BillSettled' && settled.data).toMatchObject({
        householdId: 'H1',
        year: 2019,
        payee: 'HOSPITAL',
        layers: expect.arrayContaining([{ layer: 'basicMedical', fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: '8500.00' }]),
      });
      expect(decision.memberYearEvents).toEqual([
        {
          type: 'AccumulatorsCharged',
          data: expect.objectContaining({ memberId: 'M1', year: 2019, claimId: 'X1', accumulators: expect.objectContaining({ basicInpatientPaid: 850000 }) }),
        },
      ]);
    });

    it('carries the year accumulators to the next bill of the member (X3 after X1)', () => {
      const first = decideSubmission(given.claim(), given.memberYear(), aCommand());
      if (first.kind !== 'settle') throw new Error('expected a settlement');
      const memberYear = given.memberYear(...first.memberYearEvents);
      const second = decideSubmission(
        given.claim(),
        memberYear,
        aCommand(
          { patient: { ...poorPatient, majorDisease: true } },
          {
            claimId: 'X3',
            admissionDate: '2019-05-01',
            dischargeDate: '2019-05-20',
            facilityLevel: 'TERTIARY',
            inCounty: false,
            totalCost: '80000.00',
            eligibleCost: '70000.00',
          },
        ),
      );
      expect(second.kind).toBe('settle');
      if (second.kind !== 'settle') return;
      expect(amounts(second.claimEvents)).toEqual({
        basicMedical: '41400.00',
        criticalIllness: '18825.00',
        supplementary: '4887.50',
        medicalAssistance: '3421.25',
        backstop: '0.00',
        outOfPocket: '11466.25',
      });
      const settled = second.claimEvents[1];
      expect(settled.type === 'BillSettled' && settled.data.payee).toBe('HOUSEHOLD_BANK_CARD');
    });

    it('starts a new year from zero accumulators', () => {
      const first = decideSubmission(given.claim(), given.memberYear(), aCommand());
      if (first.kind !== 'settle') throw new Error('expected a settlement');
      const policy2020 = { ...xingan2019, year: 2020 };
      const nextYear = decideSubmission(
        given.claim(),
        given.memberYear(...first.memberYearEvents),
        aCommand({ policy: policy2020 }, { claimId: 'Y1', admissionDate: '2020-02-01', dischargeDate: '2020-02-10' }),
      );
      expect(nextYear.kind === 'settle' && amounts(nextYear.claimEvents)).toEqual(amounts(first.claimEvents));
    });

    it('settles an uninsured member without the two insurance layers', () => {
      const decision = decideSubmission(given.claim(), given.memberYear(), aCommand({ patient: { ...poorPatient, insured: false } }));
      if (decision.kind !== 'settle') throw new Error('expected a settlement');
      const a = amounts(decision.claimEvents);
      expect([a.basicMedical, a.criticalIllness]).toEqual(['0.00', '0.00']);
      const total = Object.values(a).reduce((sum, v) => sum + Math.round(Number(v.replace('.', ''))), 0);
      expect(total).toBe(1200000);
    });

    it('records an unknown member as a rejected bill, so nothing submitted is lost', () => {
      const decision = decideSubmission(given.claim(), given.memberYear(), aCommand({ patient: null }));
      expect(decision).toEqual({
        kind: 'reject',
        claimEvents: [
          { type: 'BillSubmitted', data: { ...aSubmission(), submittedAt: '2019-02-10T09:00:00.000Z' } },
          { type: 'BillRejected', data: { claimId: 'X1', code: 'UNKNOWN_MEMBER', reason: 'member M1 is not registered' } },
        ],
      });
    });

    it('rejects a bill of a year no policy covers', () => {
      const decision = decideSubmission(given.claim(), given.memberYear(), aCommand({ policy: null }));
      expect(decision.kind === 'reject' && decision.claimEvents[1]).toEqual({
        type: 'BillRejected',
        data: { claimId: 'X1', code: 'NO_POLICY', reason: 'no settlement policy for region xingan-league in 2019' },
      });
    });

    it('rejects a chronic outpatient bill without a certified chronic disease', () => {
      const decision = decideSubmission(
        given.claim(),
        given.memberYear(),
        aCommand({ patient: { ...poorPatient, chronicDisease: false } }, { visitType: 'CHRONIC_OUTPATIENT' }),
      );
      expect(decision.kind === 'reject' && decision.claimEvents[1].data).toMatchObject({ code: 'CHRONIC_DISEASE_NOT_CERTIFIED' });
    });
  });

  describe('a settled claim', () => {
    const settledEvents = () => {
      const d = decideSubmission(given.claim(), given.memberYear(), aCommand());
      if (d.kind !== 'settle') throw new Error('expected a settlement');
      return d.claimEvents;
    };

    it('answers the same bill again with the recorded settlement and no new events', () => {
      const state = given.claim(...settledEvents());
      const decision = decideSubmission(state, given.memberYear(), aCommand());
      expect(decision).toEqual({ kind: 'unchanged', state });
    });

    it('refuses different contents under the same claim id', () => {
      const state = given.claim(...settledEvents());
      expect(() => decideSubmission(state, given.memberYear(), aCommand({}, { totalCost: '13000.00' }))).toThrow(ClaimIdInUse);
    });
  });

  describe('a rejected claim', () => {
    const rejected = () => {
      const d = decideSubmission(given.claim(), given.memberYear(), aCommand({ patient: null }));
      if (d.kind !== 'reject') throw new Error('expected a rejection');
      return given.claim(...d.claimEvents);
    };

    it('stays as it is when the same bill comes again for the same reason', () => {
      const state = rejected();
      expect(decideSubmission(state, given.memberYear(), aCommand({ patient: null }))).toEqual({ kind: 'unchanged', state });
    });

    it('is settled when it comes again once the member is registered', () => {
      const decision = decideSubmission(rejected(), given.memberYear(), aCommand());
      expect(decision.kind).toBe('settle');
    });
  });
});
