import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { BillSettledV1, ContractEvent, EventEnvelope } from '@aid/contracts';
import { PostgresEventStore } from '@aid/event-store';
import { createTestSchema, type TestSchema } from '@aid/testing';
import { runFacilityCommand } from '../facilities/facilities.handler';
import { facilitiesDdl } from '../facilities/facility-records';
import type { Facility } from '../facilities/domain/facility-events';
import { applyEnrollmentEvent } from '../member-view/apply-enrollment-event';
import { memberViewDdl } from '../member-view/member-view.schema';
import { PolicyBook } from '../policies/policy-book';
import { memberAsOf } from '../member-view/member-as-of';
import { formatYuan, yuanToFen } from '@aid/money';
import { emptyAccumulators, settle, type Accumulators } from '@aid/settlement';
import type { BillSubmission, SubmissionEvent } from './domain/claim-events';
import { claimDecider, claimStream, type SubmissionState, type SubmitBill } from './domain/claim.decider';
import { findClaim, reviewBill, submitBill, type ClaimsDeps } from './submit-bill.handler';

const policies = PolicyBook.fromDirectory(path.resolve(__dirname, '../../../../config/policies'));

function enrollment<T extends ContractEvent<'aid.enrollment.v1'>['type']>(
  type: T,
  data: Extract<ContractEvent<'aid.enrollment.v1'>, { type: T }>['data'],
): ContractEvent<'aid.enrollment.v1'> {
  return { type, data, envelope: {} as EventEnvelope } as ContractEvent<'aid.enrollment.v1'>;
}

function aFacility(facilityId: string, overrides: Partial<Facility> = {}): Facility {
  return {
    facilityId,
    name: facilityId,
    level: 'SECONDARY',
    county: '科尔沁右翼前旗',
    region: 'xingan-league',
    inCounty: true,
    designatedFrom: '2015-01-01',
    designatedUntil: null,
    accounts: { BASIC_MEDICAL_INSURANCE_FUND: '622202020011223344' },
    ...overrides,
  };
}

const AT = '2019-01-01T00:00:00.000Z';

function aBill(overrides: Partial<BillSubmission> = {}): BillSubmission {
  return {
    claimId: randomUUID(),
    memberId: 'M1',
    hospitalId: 'H-county',
    admissionDate: '2019-03-01',
    dischargeDate: '2019-03-10',
    visitType: 'INPATIENT',
    totalCost: '40000.00',
    eligibleCost: '36000.00',
    ...overrides,
  };
}

describe('submitting bills to the claims service', () => {
  let db: TestSchema;
  let deps: ClaimsDeps;

  beforeAll(async () => {
    db = await createTestSchema('claims', { max: 20 });
    const store = new PostgresEventStore({ pool: db.pool, schema: db.schema });
    await store.migrate();
    await db.pool.query(memberViewDdl(db.schema));
    await db.pool.query(facilitiesDdl(db.schema));
    // Given a registered poor household in Xing'an League, its member insured for 2019
    for (const e of [
      enrollment('HouseholdRegistered', {
        householdId: 'HH1',
        region: 'xingan-league',
        address: { province: '内蒙古', city: '兴安盟', county: '科尔沁右翼前旗', township: '某镇', village: '某村' },
        registeredOn: '2016-05-01',
        categories: ['POOR'],
      }),
      enrollment('MemberAdded', {
        householdId: 'HH1',
        memberId: 'M1',
        relation: 'HEAD',
        birthDate: '1950-01-01',
        sex: 'MALE',
        categories: [],
        addedOn: '2016-05-01',
      }),
      enrollment('MemberInsured', {
        householdId: 'HH1',
        memberId: 'M1',
        year: 2019,
        premium: '220.00',
        premiumSubsidy: '220.00',
      }),
    ]) {
      await applyEnrollmentEvent(db.pool, db.schema, e);
    }
    deps = {
      store,
      pool: db.pool,
      schema: db.schema,
      policies,
      newId: randomUUID,
      now: () => new Date('2019-12-31T00:00:00Z'),
    };
    // And the county hospital and a hospital out of the county, designated
    for (const f of [
      aFacility('H-county'),
      aFacility('H-city', { level: 'TERTIARY', inCounty: false, county: '乌兰浩特市' }),
    ]) {
      await runFacilityCommand(deps, { type: 'DesignateFacility', data: { ...f, at: AT } }, { correlationId: 'setup' });
    }
  });

  afterAll(() => db.drop());

  it('never lets concurrent bills of one member spend the same remaining cap', async () => {
    // Large bills that run into the year's caps and the backstop's out-of-pocket cap. Settled
    // all at once, they must come out exactly as the same bills settled one after another.
    const bills = Array.from({ length: 6 }, (_, i) => aBill({ memberId: 'M1', claimId: `C-${i}` }));
    const results = await Promise.all(bills.map((b) => submitBill(deps, b, { correlationId: randomUUID() })));
    expect(results.every((r) => r.created && r.outcome.status === 'settled')).toBe(true);

    const policy = policies.find('xingan-league', 2019)!;
    let accumulators = emptyAccumulators();
    const expected: number[][] = [];
    for (const b of bills) {
      const s = settle(
        {
          ...b,
          facilityLevel: 'SECONDARY',
          inCounty: true,
          serviceDate: b.dischargeDate,
          totalCost: 4000000,
          eligibleCost: 3600000,
          categories: ['POOR'],
          insured: true,
          majorDisease: false,
        },
        accumulators,
        policy,
      );
      accumulators = s.accumulators;
      expected.push([
        s.basicMedical,
        s.criticalIllness,
        s.supplementary,
        s.medicalAssistance,
        s.backstop,
        s.outOfPocket,
      ]);
    }
    const actual = results.map((r) => {
      if (r.outcome.status !== 'settled') throw new Error('expected a settlement');
      return [
        ...r.outcome.settlement.layers.map((l) => yuanToFen(l.amount, 'layers.amount')),
        yuanToFen(r.outcome.settlement.outOfPocket, 'outOfPocket'),
      ];
    });
    const byAmounts = (a: number[], b: number[]) => a.join(',').localeCompare(b.join(','));
    expect(actual.sort(byAmounts)).toEqual(expected.sort(byAmounts));
    // The caps were reached: later bills paid less than the first
    expect(new Set(actual.map((a) => a.join(','))).size).toBeGreaterThan(1);

    // And the member-year stream holds one charge per bill, in a single line of versions
    const stream = await deps.store.readStream('member-year-M1-2019');
    expect(
      stream
        .map((e) => e.data as { claimId: string })
        .map((d) => d.claimId)
        .sort(),
    ).toEqual(bills.map((b) => b.claimId).sort());
  });

  it('settles 100 different bills of one member submitted at once, exactly as one by one in the recorded order', async () => {
    const memberId = 'M-HUNDRED';
    await applyEnrollmentEvent(
      db.pool,
      db.schema,
      enrollment('MemberAdded', {
        householdId: 'HH1',
        memberId,
        relation: 'CHILD',
        birthDate: '1980-03-03',
        sex: 'FEMALE',
        categories: [],
        addedOn: '2016-05-01',
      }),
    );
    await applyEnrollmentEvent(
      db.pool,
      db.schema,
      enrollment('MemberInsured', {
        householdId: 'HH1',
        memberId,
        year: 2019,
        premium: '220.00',
        premiumSubsidy: '220.00',
      }),
    );
    // Bills of different sizes, so that which one comes first changes what each is paid.
    const bills = Array.from({ length: 100 }, (_, i) => {
      const totalFen = 150_000 + ((i * 7_919_113) % 6_000_000);
      return aBill({
        memberId,
        claimId: `HUNDRED-${i}`,
        hospitalId: i % 3 !== 0 ? 'H-county' : 'H-city',
        totalCost: formatYuan(totalFen),
        eligibleCost: formatYuan(totalFen - (totalFen % 10_000)),
      });
    });

    const outcomes = await Promise.allSettled(bills.map((b) => submitBill(deps, b, { correlationId: randomUUID() })));
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect(failures).toEqual([]);
    const settled = outcomes.map((o) =>
      o.status === 'fulfilled' && o.value.created ? o.value.outcome.status : 'not created',
    );
    expect(settled).toEqual(Array(100).fill('settled'));

    // The order the store recorded them in: the member-year stream, one version per bill.
    const memberYear = await deps.store.readStream(`member-year-${memberId}-2019`);
    expect(memberYear.map((e) => e.streamVersion)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const recorded = memberYear.map((e) => e.data as { claimId: string; accumulators: Accumulators });
    expect(recorded.map((r) => r.claimId).sort()).toEqual(bills.map((b) => b.claimId).sort());

    // Settled again one by one in that order by the pure decider, every amount is the same.
    const patient = await memberAsOf(db.pool, db.schema, memberId, '2019-03-10');
    const policy = policies.find('xingan-league', 2019);
    const facilityOf = (hospitalId: string) =>
      hospitalId === 'H-county'
        ? {
            facilityId: 'H-county',
            level: 'SECONDARY' as const,
            inCounty: true,
            designatedFrom: '2015-01-01',
            designatedUntil: null,
          }
        : {
            facilityId: 'H-city',
            level: 'TERTIARY' as const,
            inCounty: false,
            designatedFrom: '2015-01-01',
            designatedUntil: null,
          };
    const byId = new Map(bills.map((b) => [b.claimId, b]));
    let state: SubmissionState = claimDecider.initialState();
    for (const [i, { claimId, accumulators }] of recorded.entries()) {
      const command: SubmitBill = {
        type: 'SubmitBill',
        data: {
          submission: byId.get(claimId)!,
          patient,
          facility: facilityOf(byId.get(claimId)!.hospitalId),
          policy,
          submittedAt: '2019-12-31T00:00:00.000Z',
        },
      };
      const events = claimDecider.decide(command, { ...state, claim: claimDecider.initialState().claim });
      const expected = events.find(
        (e): e is Extract<SubmissionEvent, { type: 'BillSettled' }> => e.type === 'BillSettled',
      );
      const stored = (await deps.store.readStream(claimStream(claimId))).find((e) => e.type === 'BillSettled');
      const amountsOf = (s: BillSettledV1) => ({ layers: s.layers, outOfPocket: s.outOfPocket });
      expect({ i, claimId, ...amountsOf(stored!.data as BillSettledV1) }).toEqual({
        i,
        claimId,
        ...amountsOf(expected!.data),
      });
      state = events.filter((e) => e.type === 'AccumulatorsCharged').reduce(claimDecider.evolve, state);
      expect({ i, claimId, accumulators }).toEqual({ i, claimId, accumulators: state.memberYear.accumulators });
    }
    // The year's basic cap was reached along the way: the order mattered, and was kept.
    expect(state.memberYear.accumulators.basicInpatientPaid).toBe(yuanToFen('150000', 'annualCap'));
  });

  it('answers a repeated bill with its recorded settlement and writes nothing', async () => {
    const bill = aBill({
      memberId: 'M1',
      claimId: 'REPEAT-1',
      dischargeDate: '2019-04-02',
      admissionDate: '2019-04-01',
    });
    const first = await submitBill(deps, bill, { correlationId: 'c1' });
    const again = await submitBill(deps, bill, { correlationId: 'c2' });
    expect(again).toEqual({ outcome: first.outcome, created: false });
    expect(await deps.store.readStream('claim-REPEAT-1')).toHaveLength(2);
  });

  it('refuses other contents under a settled claim id', async () => {
    const bill = aBill({ claimId: 'REPEAT-2' });
    await submitBill(deps, bill, { correlationId: 'c1' });
    await expect(
      submitBill(deps, { ...bill, totalCost: '1.00', eligibleCost: '1.00' }, { correlationId: 'c2' }),
    ).rejects.toMatchObject({
      code: 'CLAIM_ID_IN_USE',
      kind: 'CONFLICT',
    });
  });

  it('records a bill of an unknown member as rejected, and settles it once the member exists', async () => {
    const bill = aBill({ memberId: 'M2', claimId: 'LATE-MEMBER' });
    const rejected = await submitBill(deps, bill, { correlationId: 'c1' });
    expect(rejected.outcome).toMatchObject({ status: 'rejected', code: 'UNKNOWN_MEMBER' });
    expect(await findClaim(deps, 'LATE-MEMBER')).toMatchObject({ status: 'rejected' });

    await applyEnrollmentEvent(
      db.pool,
      db.schema,
      enrollment('MemberAdded', {
        householdId: 'HH1',
        memberId: 'M2',
        relation: 'SPOUSE',
        birthDate: '1952-02-02',
        sex: 'FEMALE',
        categories: [],
        addedOn: '2016-05-01',
      }),
    );
    const settled = await submitBill(deps, bill, { correlationId: 'c2' });
    expect(settled.outcome).toMatchObject({ status: 'settled', settlement: { householdId: 'HH1', insured: false } });
    expect((await deps.store.readStream('claim-LATE-MEMBER')).map((e) => e.type)).toEqual([
      'BillSubmitted',
      'BillRejected',
      'BillSubmitted',
      'BillSettled',
    ]);
  });
  it('settles on the level and county flag of the registry, and refuses bills after the designation ended', async () => {
    await runFacilityCommand(
      deps,
      { type: 'DesignateFacility', data: { ...aFacility('H-town', { level: 'PRIMARY' }), at: AT } },
      { correlationId: 'f1' },
    );
    const first = await submitBill(deps, aBill({ claimId: 'TOWN-1', hospitalId: 'H-town' }), { correlationId: 'c1' });
    expect(first.outcome).toMatchObject({
      status: 'settled',
      settlement: { facilityLevel: 'PRIMARY', inCounty: true, payee: 'HOSPITAL' },
    });

    // The bureau moves it out of the county's list: the next bill is paid to the household's card.
    await runFacilityCommand(
      deps,
      {
        type: 'ChangeFacilityDetails',
        data: { ...aFacility('H-town', { level: 'PRIMARY', inCounty: false }), at: AT },
      },
      { correlationId: 'f2' },
    );
    const second = await submitBill(
      deps,
      aBill({ claimId: 'TOWN-2', hospitalId: 'H-town', admissionDate: '2019-04-01', dischargeDate: '2019-04-02' }),
      { correlationId: 'c2' },
    );
    expect(second.outcome).toMatchObject({
      status: 'settled',
      settlement: { inCounty: false, payee: 'HOUSEHOLD_BANK_CARD' },
    });

    const ended = await runFacilityCommand(
      deps,
      {
        type: 'EndFacilityDesignation',
        data: { facilityId: 'H-town', until: '2019-06-30', reason: 'agreement not renewed', at: AT },
      },
      { correlationId: 'f3' },
    );
    expect(ended.facility).toMatchObject({
      status: 'ENDED',
      designatedUntil: '2019-06-30',
      endReason: 'agreement not renewed',
    });
    const late = await submitBill(
      deps,
      aBill({ claimId: 'TOWN-3', hospitalId: 'H-town', admissionDate: '2019-07-01', dischargeDate: '2019-07-02' }),
      { correlationId: 'c3' },
    );
    expect(late.outcome).toMatchObject({ status: 'rejected', code: 'FACILITY_NOT_DESIGNATED' });
    const unknown = await submitBill(deps, aBill({ claimId: 'NOWHERE-1', hospitalId: 'made-up-hospital' }), {
      correlationId: 'c4',
    });
    expect(unknown.outcome).toMatchObject({ status: 'rejected', code: 'FACILITY_NOT_DESIGNATED' });
    expect((await deps.store.readStream('facility-H-town')).map((e) => e.type)).toEqual([
      'FacilityDesignated',
      'FacilityDetailsChanged',
      'FacilityDesignationEnded',
    ]);
  });

  it('writes the registry row with its events or not at all', async () => {
    const refused = runFacilityCommand(
      deps,
      { type: 'EndFacilityDesignation', data: { facilityId: 'H-nowhere', until: '2019-06-30', reason: 'r', at: AT } },
      { correlationId: 'f4' },
    );
    await expect(refused).rejects.toMatchObject({ code: 'FACILITY_NOT_FOUND' });
    const { rows } = await db.pool.query(
      `select count(*)::int as n from ${db.schema}.facilities where facility_id = 'H-nowhere'`,
    );
    expect(rows[0].n).toBe(0);
    expect(await deps.store.readStream('facility-H-nowhere')).toEqual([]);
  });

  it('refuses an admission before the member was enrolled, and a discharge after the day of submission', async () => {
    const early = await submitBill(deps, aBill({ claimId: 'EARLY-1', admissionDate: '2016-04-30' }), {
      correlationId: 'c1',
    });
    expect(early.outcome).toMatchObject({ status: 'rejected', code: 'ADMITTED_BEFORE_ENROLMENT' });
    const future = await submitBill(
      deps,
      aBill({ claimId: 'FUTURE-1', admissionDate: '2019-12-30', dischargeDate: '2020-01-02' }),
      { correlationId: 'c2' },
    );
    expect(future.outcome).toMatchObject({ status: 'rejected', code: 'DISCHARGE_IN_FUTURE' });
  });

  it('holds a bill above the review threshold without charging anything, and settles it when approved', async () => {
    const policy = policies.find('xingan-league', 2019)!;
    const reviewing: ClaimsDeps = {
      ...deps,
      policies: new PolicyBook([{ ...policy, review: { billTotalAbove: yuanToFen('30000', 'threshold') } }]),
    };
    const memberId = 'M-REVIEW';
    await applyEnrollmentEvent(
      db.pool,
      db.schema,
      enrollment('MemberAdded', {
        householdId: 'HH1',
        memberId,
        relation: 'CHILD',
        birthDate: '1990-01-01',
        sex: 'MALE',
        categories: [],
        addedOn: '2016-05-01',
      }),
    );

    const held = await submitBill(reviewing, aBill({ memberId, claimId: 'BIG-1' }), { correlationId: 'c1' });
    expect(held).toMatchObject({ created: true, outcome: { status: 'held' } });
    expect(await deps.store.readStream(`member-year-${memberId}-2019`)).toEqual([]);
    expect(await findClaim(deps, 'BIG-1')).toMatchObject({ status: 'held', facility: { facilityId: 'H-county' } });

    // While it waits, a smaller bill of the member is settled; the held one is settled after it.
    const small = await submitBill(
      reviewing,
      aBill({ memberId, claimId: 'SMALL-1', totalCost: '20000.00', eligibleCost: '20000.00' }),
      { correlationId: 'c2' },
    );
    expect(small.outcome.status).toBe('settled');
    const review = { claimId: 'BIG-1', decision: 'APPROVE' as const, reason: 'checked', reviewer: 'li' };
    const approved = await reviewBill(reviewing, review, { correlationId: 'c3' });
    expect(approved).toMatchObject({
      created: true,
      outcome: { status: 'settled', settlement: { claimId: 'BIG-1', payee: 'HOSPITAL' } },
    });
    expect(
      (await deps.store.readStream(`member-year-${memberId}-2019`)).map((e) => (e.data as { claimId: string }).claimId),
    ).toEqual(['SMALL-1', 'BIG-1']);
    expect(await reviewBill(reviewing, review, { correlationId: 'c4' })).toMatchObject({
      created: false,
      outcome: { status: 'settled' },
    });
    expect((await deps.store.readStream('claim-BIG-1')).map((e) => e.type)).toEqual([
      'BillSubmitted',
      'BillHeldForReview',
      'BillReviewed',
      'BillSettled',
    ]);
  });

  it('records a rejection on review, and refuses a review of a claim nobody held', async () => {
    const policy = policies.find('xingan-league', 2019)!;
    const reviewing: ClaimsDeps = { ...deps, policies: new PolicyBook([{ ...policy, review: { billTotalAbove: 0 } }]) };
    await submitBill(reviewing, aBill({ claimId: 'BIG-2' }), { correlationId: 'c1' });
    const rejected = await reviewBill(
      reviewing,
      { claimId: 'BIG-2', decision: 'REJECT', reason: 'duplicate', reviewer: 'li' },
      { correlationId: 'c2' },
    );
    expect(rejected.outcome).toMatchObject({ status: 'rejected', code: 'REJECTED_ON_REVIEW' });
    await expect(
      reviewBill(
        reviewing,
        { claimId: 'NEVER-HELD', decision: 'APPROVE', reason: 'x', reviewer: 'li' },
        { correlationId: 'c3' },
      ),
    ).rejects.toMatchObject({ code: 'CLAIM_NOT_HELD', kind: 'NOT_FOUND' });
  });
});
