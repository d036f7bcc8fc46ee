import { Refusal } from '@aid/event-store/decider';
import { sumFen, yuanToFen } from '@aid/money';
import type { Policy } from '@aid/settlement';
import { workedExamplePolicy } from '@aid/settlement/testing';
import { deciderSpec } from '@aid/testing/decider';
import type { BillSubmission, FacilityOnBill, SubmissionEvent } from './claim-events';
import { claimDecider, submissionStreams, type Patient, type ReviewBill, type SubmitBill } from './claim.decider';

// The Xing'an League 2019 policy of the worked examples, built in code: a unit test reads no file.
const xingan2019: Policy = workedExamplePolicy(2019);

const poorPatient: Patient = {
  householdId: 'H1',
  region: 'xingan-league',
  categories: ['POOR'],
  insured: true,
  majorDisease: false,
  chronicDisease: true,
  enrolledOn: '2016-05-01',
};

// The registry's facilities, as the bill is decided on them.
const countyHospital: FacilityOnBill = {
  facilityId: 'ujimqin-county-hospital',
  level: 'SECONDARY',
  inCounty: true,
  designatedFrom: '2015-01-01',
  designatedUntil: null,
};
const provincialHospital: FacilityOnBill = {
  facilityId: 'inner-mongolia-peoples-hospital',
  level: 'TERTIARY',
  inCounty: false,
  designatedFrom: '2015-01-01',
  designatedUntil: null,
};

const SUBMITTED_AT = '2020-12-31T09:00:00.000Z';

function aSubmission(overrides: Partial<BillSubmission> = {}): BillSubmission {
  return {
    claimId: 'X1',
    memberId: 'M1',
    hospitalId: 'ujimqin-county-hospital',
    admissionDate: '2019-02-01',
    dischargeDate: '2019-02-10',
    visitType: 'INPATIENT',
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
      facility: countyHospital,
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
            { patient: { ...poorPatient, majorDisease: true }, facility: provincialHospital },
            {
              claimId: 'X3',
              hospitalId: 'inner-mongolia-peoples-hospital',
              admissionDate: '2019-05-01',
              dischargeDate: '2019-05-20',
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
      expect(events[1]).toMatchObject({
        type: 'BillSettled',
        data: { payee: 'HOUSEHOLD_BANK_CARD', facilityLevel: 'TERTIARY', inCounty: false },
      });
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

  describe('the facility and the dates', () => {
    const rejectedWith = (command: SubmitBill) => {
      const events = spec.given().when(command).events();
      expect(events.map((e) => e.type)).toEqual(['BillSubmitted', 'BillRejected']);
      return events[1].data;
    };

    it('takes the level and the in-county flag from the registry', () => {
      const events = spec
        .given()
        .when(submitBill({ facility: { ...countyHospital, level: 'PRIMARY' } }))
        .events();
      expect(events[1]).toMatchObject({
        type: 'BillSettled',
        data: { facilityLevel: 'PRIMARY', inCounty: true, payee: 'HOSPITAL' },
      });
      // A primary facility's lower deductible and higher rate: basic medical pays more than X1's 8500.
      expect(yuanToFen(amounts(events).basicMedical, 'basicMedical')).toBeGreaterThan(yuanToFen('8500.00', 'x1'));
    });

    it('rejects a bill of a hospital the registry does not know', () => {
      expect(rejectedWith(submitBill({ facility: null }))).toEqual({
        claimId: 'X1',
        code: 'FACILITY_NOT_DESIGNATED',
        reason: 'hospital ujimqin-county-hospital is not a designated facility',
      });
    });

    it('rejects a bill discharged outside the designation, and settles one on its last day', () => {
      const ended = { ...countyHospital, designatedUntil: '2019-02-09' };
      expect(rejectedWith(submitBill({ facility: ended }))).toMatchObject({
        code: 'FACILITY_NOT_DESIGNATED',
        reason: expect.stringContaining(
          'was not designated on 2019-02-10 (designated from 2015-01-01 until 2019-02-09)',
        ),
      });
      expect(rejectedWith(submitBill({ facility: { ...countyHospital, designatedFrom: '2019-03-01' } }))).toMatchObject(
        {
          code: 'FACILITY_NOT_DESIGNATED',
        },
      );
      const lastDay = spec.given().when(submitBill({ facility: { ...countyHospital, designatedUntil: '2019-02-10' } }));
      expect(lastDay.events().map((e) => e.type)).toContain('BillSettled');
    });

    it('rejects an admission before the member was enrolled', () => {
      expect(rejectedWith(submitBill({ patient: { ...poorPatient, enrolledOn: '2019-02-02' } }))).toEqual({
        claimId: 'X1',
        code: 'ADMITTED_BEFORE_ENROLMENT',
        reason: 'admission on 2019-02-01 is before member M1 was enrolled on 2019-02-02',
      });
    });

    it('rejects a discharge after the day of submission, that day taken in China', () => {
      expect(rejectedWith(submitBill({ submittedAt: '2019-02-09T15:59:59.000Z' }))).toMatchObject({
        code: 'DISCHARGE_IN_FUTURE',
        reason: 'discharge on 2019-02-10 is after the day the bill was submitted (2019-02-09)',
      });
      // 16:00 UTC is midnight in Beijing: the 10th has begun there.
      const events = spec
        .given()
        .when(submitBill({ submittedAt: '2019-02-09T16:00:00.000Z' }))
        .events();
      expect(events.map((e) => e.type)).toContain('BillSettled');
    });
  });

  describe('a bill above the review threshold', () => {
    const reviewed = { ...xingan2019, review: { billTotalAbove: yuanToFen('10000', 'threshold') } };
    const held = () => historyOf(submitBill({ policy: reviewed }));
    const review = (data: Partial<ReviewBill['data']> = {}): ReviewBill => ({
      type: 'ReviewBill',
      data: {
        claimId: 'X1',
        decision: 'APPROVE',
        reason: 'records checked',
        reviewer: 'li',
        patient: poorPatient,
        policy: reviewed,
        reviewedAt: '2019-03-01T00:00:00.000Z',
        ...data,
      },
    });

    it('is held: nothing settled, no accumulators charged', () => {
      spec
        .given()
        .when(submitBill({ policy: reviewed }))
        .then([
          { type: 'BillSubmitted', data: { ...aSubmission(), submittedAt: SUBMITTED_AT } },
          {
            type: 'BillHeldForReview',
            data: {
              claimId: 'X1',
              reason: 'total cost 12000.00 is above the review threshold 10000.00 of xingan-league 2019',
              facility: countyHospital,
            },
          },
        ]);
    });

    it('is settled at once when at the threshold, not above it', () => {
      const events = spec
        .given()
        .when(submitBill({ policy: reviewed }, { totalCost: '10000.00' }))
        .events();
      expect(events.map((e) => e.type)).toEqual(['BillSubmitted', 'BillSettled', 'AccumulatorsCharged']);
    });

    it('stays held when the same bill comes again; other contents are refused', () => {
      spec
        .given(...held())
        .when(submitBill({ policy: reviewed }))
        .thenNothing();
      spec
        .given(...held())
        .when(submitBill({ policy: reviewed }, { totalCost: '13000.00' }))
        .thenThrows(Refusal, { code: 'CLAIM_ID_IN_USE', kind: 'CONFLICT' });
    });

    it('approved, is settled on the accumulators as they are at the review', () => {
      const large = { claimId: 'X0', totalCost: '400000.00', eligibleCost: '400000.00' };
      const other = historyOf(submitBill({}, large)).filter((e) => e.type === 'AccumulatorsCharged');
      const events = spec
        .given(...held(), ...other)
        .when(review())
        .events();
      expect(events.map((e) => e.type)).toEqual(['BillReviewed', 'BillSettled', 'AccumulatorsCharged']);
      // X0 used up the year's basic medical cap while X1 was held: basic medical pays X1 nothing.
      expect(amounts(events).basicMedical).toBe('0.00');
      expect(events[2]).toMatchObject({ data: { claimId: 'X1' } });
      expect(
        spec
          .given(...held(), ...other, ...events)
          .when(review())
          .events(),
      ).toEqual([]);
    });

    it('rejected, is recorded as refused on review; the other decision afterwards is refused', () => {
      const events = spec
        .given(...held())
        .when(review({ decision: 'REJECT', reason: 'duplicate of X0' }))
        .events();
      expect(events).toEqual([
        {
          type: 'BillReviewed',
          data: {
            claimId: 'X1',
            decision: 'REJECT',
            reason: 'duplicate of X0',
            reviewer: 'li',
            reviewedAt: '2019-03-01T00:00:00.000Z',
          },
        },
        {
          type: 'BillRejected',
          data: { claimId: 'X1', code: 'REJECTED_ON_REVIEW', reason: 'rejected on review by li: duplicate of X0' },
        },
      ]);
      spec
        .given(...held(), ...events)
        .when(review({ decision: 'REJECT' }))
        .thenNothing();
      spec
        .given(...held(), ...events)
        .when(review())
        .thenThrows(Refusal, { code: 'CLAIM_ALREADY_DECIDED', kind: 'CONFLICT' });
    });

    it('approved when the member is no longer on record, is rejected by the rule instead', () => {
      const events = spec
        .given(...held())
        .when(review({ patient: null }))
        .events();
      expect(events[1]).toMatchObject({ type: 'BillRejected', data: { code: 'UNKNOWN_MEMBER' } });
    });

    it('cannot be reviewed when nothing is held', () => {
      spec.given().when(review()).thenThrows(Refusal, { code: 'CLAIM_NOT_HELD', kind: 'NOT_FOUND' });
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
      const { read, streamOf } = submissionStreams(submitBill().data.submission);
      expect(read).toEqual(['claim-X1', 'member-year-M1-2019']);
      expect(historyOf(submitBill()).map((e) => [e.type, streamOf(e)])).toEqual([
        ['BillSubmitted', 'claim-X1'],
        ['BillSettled', 'claim-X1'],
        ['AccumulatorsCharged', 'member-year-M1-2019'],
      ]);
    });
  });
});
