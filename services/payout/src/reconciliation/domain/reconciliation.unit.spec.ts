import { Refusal } from '@aid/event-store/decider';
import { deciderSpec } from '@aid/testing/decider';
import type { ListLine } from './daily-list';
import type { ListTotals } from './matching';
import {
  reconciliationDecider,
  type DifferenceFound,
  type ReconciliationEvent,
  type Resolution,
  type ResolveDifference,
  type UploadDailyList,
} from './reconciliation';

const spec = deciderSpec(reconciliationDecider);
const DAY = { hospitalId: 'hosp-1', day: '2019-03-11' };

const line = (claimId: string, amount: number, fund: ListLine['fund'] = 'BASIC_MEDICAL_INSURANCE_FUND'): ListLine => ({
  claimId,
  memberId: `m-${claimId}`,
  fund,
  amount,
});
const OURS = [line('c-1', 680000), line('c-1', 120025, 'MEDICAL_ASSISTANCE_FUND'), line('c-2', 5000)];

const upload = (theirs: ListLine[], fileHash = 'hash-a', ours = OURS): UploadDailyList => ({
  type: 'UploadDailyList',
  data: { ...DAY, fileHash, theirs, ours },
});
/** The events an upload records on a fresh day (a fixture built by the decider itself). */
const uploaded = (theirs: ListLine[], fileHash = 'hash-a'): ReconciliationEvent[] =>
  spec.given().when(upload(theirs, fileHash)).events();
const resolved = (differenceId: string): ReconciliationEvent => ({
  type: 'DifferenceResolved',
  data: { differenceId, resolution: 'ACCEPT_OURS', note: 'checked the bill', resolvedBy: 'clerk-wang' },
});
const resolve = (differenceId: string, resolution: Resolution = 'ACCEPT_OURS'): ResolveDifference => ({
  type: 'ResolveDifference',
  data: { differenceId, resolution, note: 'checked the bill', resolvedBy: 'clerk-wang' },
});
const close = { type: 'CloseDay' as const, data: { closedBy: 'clerk-wang' } };
const ourTotals: ListTotals = {
  lines: 3,
  total: '8050.25',
  byFund: [
    { fund: 'BASIC_MEDICAL_INSURANCE_FUND', lines: 2, amount: '6850.00' },
    { fund: 'MEDICAL_ASSISTANCE_FUND', lines: 1, amount: '1200.25' },
  ],
};
// The hospital left out c-2, listed c-9 we have not, and wrote 6800.01 for c-1's basic fund.
const THEIRS_DIFFERING = [line('c-1', 680001), OURS[1], line('c-9', 700)];

describe('a hospital day of reconciliation', () => {
  describe('UploadDailyList', () => {
    it('records the list with both sides’ control totals, and nothing else when they agree', () => {
      spec
        .given()
        .when(upload(OURS))
        .then([
          {
            type: 'DailyListUploaded',
            data: { ...DAY, fileHash: 'hash-a', upload: 1, theirs: ourTotals, ours: ourTotals, differences: 0 },
          },
        ]);
    });

    it('records one DifferenceFound per claim and fund that does not agree, numbered over the day', () => {
      const events = spec.given().when(upload(THEIRS_DIFFERING)).events();
      expect(events[0]).toMatchObject({
        type: 'DailyListUploaded',
        data: { differences: 3, theirs: { lines: 3, total: '8007.26' } },
      });
      expect(events.slice(1).map((e) => e.data)).toEqual([
        {
          differenceId: 'd-1',
          upload: 1,
          claimId: 'c-1',
          fund: 'BASIC_MEDICAL_INSURANCE_FUND',
          reason: 'AMOUNT_DIFFERS',
          memberId: 'm-c-1',
          ours: '6800.00',
          theirs: '6800.01',
        },
        {
          differenceId: 'd-2',
          upload: 1,
          claimId: 'c-2',
          fund: 'BASIC_MEDICAL_INSURANCE_FUND',
          reason: 'MISSING_THERE',
          memberId: 'm-c-2',
          ours: '50.00',
          theirs: null,
        },
        {
          differenceId: 'd-3',
          upload: 1,
          claimId: 'c-9',
          fund: 'BASIC_MEDICAL_INSURANCE_FUND',
          reason: 'MISSING_HERE',
          memberId: 'm-c-9',
          ours: null,
          theirs: '7.00',
        },
      ] satisfies DifferenceFound[]);
    });

    it('changes nothing when the same file comes again and our payables are as they were', () => {
      spec
        .given(...uploaded(THEIRS_DIFFERING))
        .when(upload(THEIRS_DIFFERING))
        .thenNothing();
    });

    it('matches the same file again when our payables changed since (a settlement arrived late)', () => {
      const events = spec
        .given(...uploaded([...OURS, line('c-3', 100)]))
        .when(upload([...OURS, line('c-3', 100)], 'hash-a', [...OURS, line('c-3', 100)]))
        .events();
      expect(events).toEqual([
        expect.objectContaining({
          type: 'DailyListUploaded',
          data: expect.objectContaining({ upload: 2, differences: 0 }),
        }),
      ]);
    });

    it('replaces the list with a corrected one: differences are found again, under new ids', () => {
      const events = spec
        .given(...uploaded(THEIRS_DIFFERING))
        .when(upload([...OURS.slice(0, 2)], 'hash-b'))
        .events();
      expect(events.map((e) => [e.type, (e.data as { differenceId?: string }).differenceId])).toEqual([
        ['DailyListUploaded', undefined],
        ['DifferenceFound', 'd-4'],
      ]);
      expect(events[0].data).toMatchObject({ fileHash: 'hash-b', upload: 2, differences: 1 });
    });

    it('takes no list for a closed day, unless it is the very list it closed with', () => {
      const closedDay = [
        ...uploaded(OURS),
        ...spec
          .given(...uploaded(OURS))
          .when(close)
          .events(),
      ];
      spec
        .given(...closedDay)
        .when(upload(OURS))
        .thenNothing();
      spec
        .given(...closedDay)
        .when(upload(OURS.slice(1), 'hash-b'))
        .thenThrows(Refusal, { code: 'DAY_CLOSED', kind: 'CONFLICT' });
    });
  });

  describe('ResolveDifference', () => {
    const history = uploaded(THEIRS_DIFFERING);

    it('records who resolved a difference, how and why', () => {
      spec
        .given(...history)
        .when(resolve('d-2'))
        .then([resolved('d-2')]);
    });

    it('changes nothing when the same resolution comes again, and refuses another one', () => {
      spec
        .given(...history, resolved('d-2'))
        .when(resolve('d-2'))
        .thenNothing();
      spec
        .given(...history, resolved('d-2'))
        .when(resolve('d-2', 'WRITE_OFF'))
        .thenThrows(Refusal, { code: 'DIFFERENCE_ALREADY_RESOLVED', kind: 'CONFLICT' });
    });

    it('refuses an unknown difference, one of a replaced list, and any on a day with no list', () => {
      spec
        .given(...history)
        .when(resolve('d-9'))
        .thenThrows(Refusal, { code: 'DIFFERENCE_NOT_FOUND', kind: 'NOT_FOUND' });
      const replaced = [
        ...history,
        ...spec
          .given(...history)
          .when(upload(OURS.slice(0, 2), 'hash-b'))
          .events(),
      ];
      spec
        .given(...replaced)
        .when(resolve('d-1'))
        .thenThrows(Refusal, { code: 'DIFFERENCE_SUPERSEDED', kind: 'CONFLICT' });
      spec
        .given(...replaced)
        .when(resolve('d-4'))
        .then([resolved('d-4')]);
      spec.given().when(resolve('d-1')).thenThrows(Refusal, { code: 'RECONCILIATION_NOT_FOUND', kind: 'NOT_FOUND' });
    });
  });

  describe('CloseDay', () => {
    it('closes a day with no differences, with the control totals of both sides', () => {
      spec
        .given(...uploaded(OURS))
        .when(close)
        .then([
          {
            type: 'ReconciliationDayClosed',
            data: {
              ...DAY,
              fileHash: 'hash-a',
              upload: 1,
              closedBy: 'clerk-wang',
              theirs: ourTotals,
              ours: ourTotals,
              differences: 0,
              resolutions: { ACCEPT_OURS: 0, HOSPITAL_CORRECTS: 0, WRITE_OFF: 0 },
            },
          },
        ]);
    });

    it('refuses while a difference is open, naming it, and closes once each is resolved', () => {
      const history = uploaded(THEIRS_DIFFERING);
      spec
        .given(...history, resolved('d-1'))
        .when(close)
        .thenThrows(Refusal, { code: 'DIFFERENCES_UNRESOLVED', kind: 'RULE' });
      const state = spec
        .given(...history, resolved('d-1'))
        .when(close)
        .state();
      expect(() => reconciliationDecider.decide(close, state)).toThrow(/not resolved: d-2, d-3/);
      const events = spec
        .given(...history, resolved('d-1'), resolved('d-2'), resolved('d-3'))
        .when(close)
        .events();
      expect(events[0].data).toMatchObject({
        differences: 3,
        resolutions: { ACCEPT_OURS: 3, HOSPITAL_CORRECTS: 0, WRITE_OFF: 0 },
      });
    });

    it('refuses a day with no list, and changes nothing on a day already closed', () => {
      spec.given().when(close).thenThrows(Refusal, { code: 'RECONCILIATION_NOT_FOUND', kind: 'NOT_FOUND' });
      const closed = spec
        .given(...uploaded(OURS))
        .when(close)
        .events();
      spec
        .given(...uploaded(OURS), ...closed)
        .when(close)
        .thenNothing();
    });
  });
});
