import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { BillSettledV1, ContractEvent, EventEnvelope } from '@aid/contracts';
import { PostgresEventStore } from '@aid/event-store';
import { createTestSchema, type TestSchema } from '@aid/testing';
import { applyEnrollmentEvent } from '../member-view/apply-enrollment-event';
import { memberViewDdl } from '../member-view/member-view.schema';
import { PolicyBook } from '../policies/policy-book';
import { memberAsOf } from '../member-view/member-as-of';
import { formatYuan, yuanToFen } from '@aid/money';
import { emptyAccumulators, settle, type Accumulators } from '@aid/settlement';
import type { BillSubmission, SubmissionEvent } from './domain/claim-events';
import { claimDecider, claimStream, type SubmissionState, type SubmitBill } from './domain/claim.decider';
import { findClaim, submitBill, type ClaimsDeps } from './submit-bill.handler';

const policies = PolicyBook.fromDirectory(path.resolve(__dirname, '../../../../config/policies'));

function enrollment<T extends ContractEvent<'aid.enrollment.v1'>['type']>(
  type: T,
  data: Extract<ContractEvent<'aid.enrollment.v1'>, { type: T }>['data'],
): ContractEvent<'aid.enrollment.v1'> {
  return { type, data, envelope: {} as EventEnvelope } as ContractEvent<'aid.enrollment.v1'>;
}

function aBill(overrides: Partial<BillSubmission> = {}): BillSubmission {
  return {
    claimId: randomUUID(),
    memberId: 'M1',
    hospitalId: 'H-county',
    admissionDate: '2019-03-01',
    dischargeDate: '2019-03-10',
    visitType: 'INPATIENT',
    facilityLevel: 'SECONDARY',
    inCounty: true,
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
        inCounty: i % 3 !== 0,
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
    const byId = new Map(bills.map((b) => [b.claimId, b]));
    let state: SubmissionState = claimDecider.initialState();
    for (const [i, { claimId, accumulators }] of recorded.entries()) {
      const command: SubmitBill = {
        type: 'SubmitBill',
        data: { submission: byId.get(claimId)!, patient, policy, submittedAt: '2019-12-31T00:00:00.000Z' },
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
});
