import type { BillSettledV1 } from '@aid/contracts';
import { Refusal } from '@aid/event-store/decider';
import { InputError, TOPICS } from '@aid/platform';
import { waitFor } from '@aid/testing';
import { claimPayables } from '../record-payables/claim-payables.query';
import { aBillSettledEnvelope, aSettledBill, anOutOfCountyBill, withLayerAmounts } from '../testing/fixtures';
import { payoutHarness, type PayoutHarness } from '../testing/harness';
import { reconciliationStreamId, type Resolution } from './domain/reconciliation';
import {
  closeDay,
  reconciliationDay,
  resolveDifference,
  uploadDailyList,
  type ReconciliationDeps,
} from './reconciliation';

/**
 * The daily reconciliation on real PostgreSQL: settlements arrive as BillSettled through
 * payout's own consumer, then a hospital uploads its day's list, resolves what differs and
 * closes the day. (Over HTTP: reconciliation.e2e.spec.ts.)
 */
const HOSPITAL = 'hosp-rec-1';
const HEADER = 'claim_id,member_id,discharge_date,fund,amount';

describe('daily reconciliation of a hospital (日对账)', () => {
  let h: PayoutHarness;
  let deps: ReconciliationDeps;

  const bill = (claimId: string, day: string, overrides: Partial<BillSettledV1> = {}) =>
    aSettledBill({
      claimId,
      hospitalId: HOSPITAL,
      memberId: `m-${claimId}`,
      admissionDate: '2019-03-01',
      dischargeDate: day,
      ...overrides,
    });
  const settled = [
    bill('rc-1', '2019-03-11'), // four funds: 6800.00, 1500.50, 1200.25, 1299.25
    withLayerAmounts(bill('rc-2', '2019-03-11'), ['100.00', '0.00', '0.00', '0.00', '50.00']),
    anOutOfCountyBill({ claimId: 'rc-3', hospitalId: HOSPITAL, dischargeDate: '2019-03-11' }), // owed to the household
    bill('rc-4', '2019-03-11', { hospitalId: 'hosp-rec-other' }),
    withLayerAmounts(bill('rc-5', '2019-03-12'), ['300.00', '0.00', '0.00', '0.00', '0.00']),
    withLayerAmounts(bill('rc-6', '2019-03-12'), ['400.00', '0.00', '0.00', '20.00', '0.00']),
  ];

  const meta = { occurredAt: '2019-03-12T08:00:00.000Z' };
  const ref = (day: string) => ({ hospitalId: HOSPITAL, day });
  const upload = (day: string, csv: string | Buffer) =>
    uploadDailyList(deps, ref(day), Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), meta);
  const view = (day: string) => reconciliationDay(deps, ref(day));
  const close = (day: string) => closeDay(deps, ref(day), 'clerk-wang', meta);
  const resolve = (day: string, differenceId: string, resolution: Resolution) =>
    resolveDifference(
      deps,
      ref(day),
      { differenceId, resolution, note: `checked ${differenceId}`, resolvedBy: 'clerk-li' },
      meta,
    );
  const stream = (day: string) => h.store.readStream(reconciliationStreamId(HOSPITAL, day));

  beforeAll(async () => {
    h = await payoutHarness('payout_reconcile');
    deps = { store: h.store, schema: h.schema };
    await h.payout.consumer.start();
    await h.bus.publish(
      TOPICS.claims,
      settled.map((b) => aBillSettledEnvelope(b)),
    );
    await waitFor(async () => {
      const recorded = await Promise.all(settled.map((b) => claimPayables(h.store, b.claimId)));
      return recorded.every((r) => r !== null);
    });
  });
  afterAll(async () => {
    await h.payout.consumer.stop();
    await h.drop();
  });

  const MARCH_11 = [
    HEADER,
    'rc-1,m-rc-1,2019-03-11,BASIC_MEDICAL_INSURANCE_FUND,6800.00',
    'rc-1,m-rc-1,2019-03-11,COMMERCIAL_SUPPLEMENTARY_INSURANCE,1500.50',
    'rc-1,m-rc-1,2019-03-11,MEDICAL_ASSISTANCE_FUND,1200.25',
    'rc-1,m-rc-1,2019-03-11,GOVERNMENT_BACKSTOP_FUND,1299.25',
    'rc-2,m-rc-2,2019-03-11,BASIC_MEDICAL_INSURANCE_FUND,100.00',
    'rc-2,m-rc-2,2019-03-11,GOVERNMENT_BACKSTOP_FUND,50.00',
  ].join('\n');

  it('matches a list that agrees with our settlements: no differences, and the day closes with control totals', async () => {
    await upload('2019-03-11', MARCH_11 + '\n');
    const first = await view('2019-03-11');
    expect(first).toMatchObject({
      hospitalId: HOSPITAL,
      day: '2019-03-11',
      status: 'OPEN',
      uploads: 1,
      differences: [],
    });
    expect(first.theirs).toEqual(first.ours);
    expect(first.ours).toMatchObject({ lines: 6, total: '10950.00' });
    expect(first.changedSinceUpload).toBe(false);

    await close('2019-03-11');
    expect(await view('2019-03-11')).toMatchObject({ status: 'CLOSED', closedBy: 'clerk-wang' });
    const events = await stream('2019-03-11');
    expect(events.map((e) => e.type)).toEqual(['DailyListUploaded', 'ReconciliationDayClosed']);
    expect(events[1].data).toMatchObject({
      theirs: { lines: 6, total: '10950.00' },
      ours: { lines: 6, total: '10950.00' },
      differences: 0,
    });

    // The very file it closed with is taken again as nothing new; another one is refused.
    await expect(upload('2019-03-11', MARCH_11 + '\n')).resolves.toEqual([]);
    await expect(upload('2019-03-11', MARCH_11)).rejects.toMatchObject({ code: 'DAY_CLOSED', kind: 'CONFLICT' });
    expect(await stream('2019-03-11')).toHaveLength(2);
  });

  it('finds a missing line, an extra one and a changed amount, refuses to close until each is resolved', async () => {
    const day = '2019-03-12';
    const csv = [
      HEADER,
      'rc-5,m-rc-5,2019-03-12,BASIC_MEDICAL_INSURANCE_FUND,300.01', // ours: 300.00
      'rc-6,m-rc-6,2019-03-12,BASIC_MEDICAL_INSURANCE_FUND,400.00',
      // rc-6's assistance fund (20.00) left out
      'rc-9,m-rc-9,2019-03-12,BASIC_MEDICAL_INSURANCE_FUND,77.00', // not settled here
    ].join('\n');
    await upload(day, csv);
    const open = { state: 'OPEN', resolution: null, note: null, resolvedBy: null };
    const first = await view(day);
    expect(first.differences).toEqual([
      {
        differenceId: 'd-1',
        claimId: 'rc-5',
        fund: 'BASIC_MEDICAL_INSURANCE_FUND',
        reason: 'AMOUNT_DIFFERS',
        memberId: 'm-rc-5',
        ours: '300.00',
        theirs: '300.01',
        ...open,
      },
      {
        differenceId: 'd-2',
        claimId: 'rc-6',
        fund: 'MEDICAL_ASSISTANCE_FUND',
        reason: 'MISSING_THERE',
        memberId: 'm-rc-6',
        ours: '20.00',
        theirs: null,
        ...open,
      },
      {
        differenceId: 'd-3',
        claimId: 'rc-9',
        fund: 'BASIC_MEDICAL_INSURANCE_FUND',
        reason: 'MISSING_HERE',
        memberId: 'm-rc-9',
        ours: null,
        theirs: '77.00',
        ...open,
      },
    ]);
    expect(first).toMatchObject({ theirs: { lines: 3, total: '777.01' }, ours: { lines: 3, total: '720.00' } });

    const refused = close(day);
    await expect(refused).rejects.toBeInstanceOf(Refusal);
    await expect(refused).rejects.toMatchObject({
      code: 'DIFFERENCES_UNRESOLVED',
      message: expect.stringContaining('d-1, d-2, d-3'),
    });

    const before = (await stream(day)).length;
    await expect(upload(day, csv)).resolves.toEqual([]);
    expect(await stream(day)).toHaveLength(before);

    await resolve(day, 'd-1', 'ACCEPT_OURS');
    await resolve(day, 'd-2', 'HOSPITAL_CORRECTS');
    await resolve(day, 'd-3', 'WRITE_OFF');
    await expect(resolve(day, 'd-1', 'WRITE_OFF')).rejects.toMatchObject({ code: 'DIFFERENCE_ALREADY_RESOLVED' });
    await expect(resolve(day, 'd-7', 'WRITE_OFF')).rejects.toMatchObject({
      code: 'DIFFERENCE_NOT_FOUND',
      kind: 'NOT_FOUND',
    });

    await close(day);
    const closed = await view(day);
    expect(closed.status).toBe('CLOSED');
    expect(closed.differences.map((d) => [d.state, d.resolution, d.resolvedBy])).toEqual([
      ['RESOLVED', 'ACCEPT_OURS', 'clerk-li'],
      ['RESOLVED', 'HOSPITAL_CORRECTS', 'clerk-li'],
      ['RESOLVED', 'WRITE_OFF', 'clerk-li'],
    ]);
    const events = await stream(day);
    expect(events[events.length - 1]).toMatchObject({
      type: 'ReconciliationDayClosed',
      data: { differences: 3, resolutions: { ACCEPT_OURS: 1, HOSPITAL_CORRECTS: 1, WRITE_OFF: 1 } },
    });
  });

  it('refuses a bad file naming each line and column, and records nothing', async () => {
    const day = '2019-03-11';
    const bad = upload(
      '2019-03-13',
      [
        HEADER,
        'rc-1,m-rc-1,2019-03-13,BASIC_MEDICAL_INSURANCE_FUND,12.345',
        'rc-2,m-rc-2,2019-03-14,NO_FUND,1.00',
      ].join('\n'),
    );
    await expect(bad).rejects.toBeInstanceOf(InputError);
    const problems = await bad.then(
      () => [],
      (e: InputError) => e.problems,
    );
    expect(problems.map((p) => p.field)).toEqual(['line 2.amount', 'line 3.discharge_date', 'line 3.fund']);
    expect(await stream('2019-03-13')).toEqual([]);
    expect(await view('2019-03-13')).toMatchObject({
      status: 'NO_LIST',
      uploads: 0,
      ours: { lines: 0, total: '0.00' },
    });
    // A bad file for a day with a list leaves that list as it was.
    const before = await stream(day);
    await expect(upload(day, HEADER + '\nnot,a,line')).rejects.toBeInstanceOf(InputError);
    expect(await stream(day)).toEqual(before);
  });

  it('sees a settlement that arrives after the upload, and matches it on the next upload of the same file', async () => {
    const day = '2019-03-15';
    const csv = [HEADER, 'rc-7,m-rc-7,2019-03-15,BASIC_MEDICAL_INSURANCE_FUND,10.00'].join('\n');
    await upload(day, csv);
    expect((await view(day)).differences.map((d) => d.reason)).toEqual(['MISSING_HERE']);
    await h.bus.publish(TOPICS.claims, [
      aBillSettledEnvelope(withLayerAmounts(bill('rc-7', day), ['10.00', '0.00', '0.00', '0.00', '0.00'])),
    ]);
    await waitFor(async () => (await claimPayables(h.store, 'rc-7')) !== null);
    expect(await view(day)).toMatchObject({ changedSinceUpload: true, ours: { lines: 1, total: '10.00' } });
    await upload(day, csv);
    expect(await view(day)).toMatchObject({ uploads: 2, differences: [], changedSinceUpload: false });
  });
});
