import { Refusal } from '@aid/event-store/decider';
import { sumFen, yuanToFen } from '@aid/money';
import { parsePolicy, type Policy } from '@aid/settlement';
import { deciderSpec } from '@aid/testing/decider';
import type { BillSubmission, SubmissionEvent } from './claim-events';
import { claimDecider, submissionStreams, type Patient, type SubmitBill } from './claim.decider';

// The Xing'an League 2019 policy of the worked examples, built in code: a unit test reads no file.
const xingan2019: Policy = (() => {
  const parsed = parsePolicy({
    region: 'xingan-league',
    year: 2019,
    layers: {
      basicMedical: {
        deductible: { PRIMARY: '200', SECONDARY: '500', TERTIARY: '1000' },
        waiveDeductibleInCountyFor: ['POOR', 'EXTREME_POOR'],
        rate: { PRIMARY: '0.90', SECONDARY: '0.80', TERTIARY: '0.65' },
        outOfCountyRateReduction: '0.10',
        rateBonus: { POOR: '0.05' },
        annualCap: '150000',
        chronicOutpatient: { rate: '0.60', annualCap: '3000' },
      },
      criticalIllness: {
        deductible: '10000',
        deductibleFor: { POOR: '5000', EXTREME_POOR: '5000' },
        tiers: [
          { upTo: '50000', rate: '0.60' },
          { upTo: '100000', rate: '0.70' },
          { upTo: null, rate: '0.80' },
        ],
        tiersFor: { POOR: [{ upTo: null, rate: '0.75' }] },
        annualCap: '300000',
        annualCapFor: { POOR: null },
      },
      supplementary: { for: ['POOR'], deductible: '0', rate: '0.50', annualCap: '50000' },
      medicalAssistance: {
        for: ['POOR', 'LOW_INCOME', 'EXTREME_POOR'],
        rate: '0.70',
        rateFor: { EXTREME_POOR: '1.00' },
        annualCap: '10000',
      },
      backstop: { for: ['POOR'], maxShareOfTotal: '0.10', annualOutOfPocketCap: '5000', inCountyOnly: true },
    },
  });
  if (!parsed.ok) throw new Error(`test policy does not parse: ${JSON.stringify(parsed.errors)}`);
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

const SUBMITTED_AT = '2019-02-10T09:00:00.000Z';

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

function submitBill(data: Partial<SubmitBill['data']> = {}, submission: Partial<BillSubmission> = {}): SubmitBill {
  return {
    type: 'SubmitBill',
    data: {
      submission: aSubmission(submission),
      patient: poorPatient,
      policy: xingan2019,
      submittedAt: SUBMITTED_AT,
      ...data,
    },
  };
}

const spec = deciderSpec(claimDecider);

/** What deciding `command` on an empty history records: a history for the next bill. */
const historyOf = (command: SubmitBill): SubmissionEvent[] => spec.given().when(command).events();

function amounts(events: SubmissionEvent[]): Record<string, string> {
  const settled = events.find((e) => e.type === 'BillSettled');
  if (!settled || settled.type !== 'BillSettled') throw new Error('no BillSettled');
  return Object.fromEntries([
    ...settled.data.layers.map((l) => [l.layer, l.amount]),
    ['outOfPocket', settled.data.outOfPocket],
  ]);
}

describe('claim decider', () => {
  describe('a new claim', () => {
    it('is settled through the five layers exactly as the worked example X1', () => {
      const events = spec.given().when(submitBill()).events();
      expect(events.map((e) => e.type)).toEqual(['BillSubmitted', 'BillSettled', 'AccumulatorsCharged']);
      expect(amounts(events)).toEqual({
        basicMedical: '8500.00',
        criticalIllness: '0.00',
        supplementary: '750.00',
        medicalAssistance: '525.00',
        backstop: '1025.00',
        outOfPocket: '1200.00',
      });
      expect(events[1].data).toMatchObject({
        householdId: 'H1',
        year: 2019,
        payee: 'HOSPITAL',
        layers: expect.arrayContaining([
          { layer: 'basicMedical', fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: '8500.00' },
        ]),
      });
      expect(events[2]).toEqual({
        type: 'AccumulatorsCharged',
        data: expect.objectContaining({
          memberId: 'M1',
          year: 2019,
          claimId: 'X1',
          accumulators: expect.objectContaining({ basicInpatientPaid: 850000 }),
        }),
      });
    });

    it('carries the year accumulators to the next bill of the member (X3 after X1)', () => {
      const x1 = historyOf(submitBill()).filter((e) => e.type === 'AccumulatorsCharged');
      const events = spec
        .given(...x1)
        .when(
          submitBill(
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
        )
        .events();
      expect(amounts(events)).toEqual({
        basicMedical: '41400.00',
        criticalIllness: '18825.00',
        supplementary: '4887.50',
        medicalAssistance: '3421.25',
        backstop: '0.00',
        outOfPocket: '11466.25',
      });
      expect(events[1]).toMatchObject({ type: 'BillSettled', data: { payee: 'HOUSEHOLD_BANK_CARD' } });
    });

    it('starts a new year from zero accumulators', () => {
      const first = historyOf(submitBill());
      const nextYear = spec
        .given(...first.filter((e) => e.type === 'AccumulatorsCharged'))
        .when(
          submitBill(
            { policy: { ...xingan2019, year: 2020 } },
            { claimId: 'Y1', admissionDate: '2020-02-01', dischargeDate: '2020-02-10' },
          ),
        )
        .events();
      expect(amounts(nextYear)).toEqual(amounts(first));
    });

    it('settles an uninsured member without the two insurance layers, every fen of the bill accounted for', () => {
      const a = amounts(
        spec
          .given()
          .when(submitBill({ patient: { ...poorPatient, insured: false } }))
          .events(),
      );
      expect([a.basicMedical, a.criticalIllness]).toEqual(['0.00', '0.00']);
      expect(sumFen(Object.entries(a).map(([field, amount]) => yuanToFen(amount, field)))).toBe(
        yuanToFen('12000.00', 'total'),
      );
    });

    it('records an unknown member as a rejected bill, so nothing submitted is lost', () => {
      spec
        .given()
        .when(submitBill({ patient: null }))
        .then([
          { type: 'BillSubmitted', data: { ...aSubmission(), submittedAt: SUBMITTED_AT } },
          {
            type: 'BillRejected',
            data: { claimId: 'X1', code: 'UNKNOWN_MEMBER', reason: 'member M1 is not registered' },
          },
        ]);
    });

    it('rejects a bill of a year no policy covers', () => {
      expect(
        spec
          .given()
          .when(submitBill({ policy: null }))
          .events()[1],
      ).toEqual({
        type: 'BillRejected',
        data: { claimId: 'X1', code: 'NO_POLICY', reason: 'no settlement policy for region xingan-league in 2019' },
      });
    });

    it('rejects a chronic outpatient bill without a certified chronic disease', () => {
      const events = spec
        .given()
        .when(submitBill({ patient: { ...poorPatient, chronicDisease: false } }, { visitType: 'CHRONIC_OUTPATIENT' }))
        .events();
      expect(events[1]).toMatchObject({ type: 'BillRejected', data: { code: 'CHRONIC_DISEASE_NOT_CERTIFIED' } });
    });
  });

  describe('a settled claim', () => {
    const settled = () => historyOf(submitBill());

    it('answers the same bill again with nothing new: the recorded settlement stands', () => {
      spec
        .given(...settled())
        .when(submitBill())
        .thenNothing();
    });

    it('refuses different contents under the same claim id', () => {
      spec
        .given(...settled())
        .when(submitBill({}, { totalCost: '13000.00' }))
        .thenThrows(Refusal, { code: 'CLAIM_ID_IN_USE', kind: 'CONFLICT' });
    });
  });

  describe('a rejected claim', () => {
    const rejected = () => historyOf(submitBill({ patient: null }));

    it('stays as it is when the same bill comes again for the same reason', () => {
      spec
        .given(...rejected())
        .when(submitBill({ patient: null }))
        .thenNothing();
    });

    it('is settled when it comes again once the member is registered', () => {
      expect(
        spec
          .given(...rejected())
          .when(submitBill())
          .events()
          .map((e) => e.type),
      ).toEqual(['BillSubmitted', 'BillSettled', 'AccumulatorsCharged']);
    });
  });

  describe('its streams', () => {
    it('records the submission and its outcome on the claim, the accumulators on the member and year', () => {
      const { read, streamOf } = submissionStreams(submitBill());
      expect(read).toEqual(['claim-X1', 'member-year-M1-2019']);
      expect(historyOf(submitBill()).map((e) => [e.type, streamOf(e)])).toEqual([
        ['BillSubmitted', 'claim-X1'],
        ['BillSettled', 'claim-X1'],
        ['AccumulatorsCharged', 'member-year-M1-2019'],
      ]);
    });
  });
});
