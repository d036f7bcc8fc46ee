import fc from 'fast-check';
import { FUND_OF_LAYER, type Fund } from '@aid/contracts';
import { Refusal } from '@aid/event-store/decider';
import { formatYuan, sumFen, yuanToFen } from '@aid/money';
import { deciderSpec } from '@aid/testing/decider';
import {
  paymentRunDecider,
  type PaymentRunCommand,
  type PaymentRunEvent,
  type PrepareRun,
  type RunPayable,
} from './payment-run';

const spec = deciderSpec(paymentRunDecider);
const FUND: Fund = 'MEDICAL_ASSISTANCE_FUND';
const MONTH = '2019-03';
const RUN_ID = 'payment-run-MEDICAL_ASSISTANCE_FUND-2019-03';

const owed = (
  eventId: string,
  payeeId: string,
  amount: number,
  payee: RunPayable['payee'] = 'HOSPITAL',
): RunPayable => ({
  eventId,
  payee,
  payeeId,
  fund: FUND,
  month: MONTH,
  amount,
});
const PAYABLES = [
  owed('e-1', 'hosp-a', 120025),
  owed('e-2', 'hosp-b', 5000),
  owed('e-3', 'hosp-a', 99975),
  owed('e-4', 'household-x', 30000, 'HOUSEHOLD_BANK_CARD'),
];

const prepare = (
  preparedBy = 'clerk-li',
  payables = PAYABLES,
  more: Partial<PrepareRun['data']> = {},
): PaymentRunCommand => ({
  type: 'PrepareRun',
  data: { fund: FUND, month: MONTH, position: '42', preparedBy, payables, coveredElsewhere: [], ...more },
});
const approve = (approvedBy: string): PaymentRunCommand => ({ type: 'ApproveRun', data: { approvedBy } });
const reject = (rejectedBy: string): PaymentRunCommand => ({
  type: 'RejectRun',
  data: { rejectedBy, reason: 'hosp-b is disputed' },
});
const cancel = (cancelledBy: string): PaymentRunCommand => ({
  type: 'CancelRun',
  data: { cancelledBy, reason: 'the fund is short this month' },
});

/** What a preparation records on a fresh stream (a fixture made by the decider itself). */
const prepared = (...args: Parameters<typeof prepare>): PaymentRunEvent[] =>
  spec
    .given()
    .when(prepare(...args))
    .events();
const approved = (approvedBy = 'head-zhao'): PaymentRunEvent => ({
  type: 'RunApproved',
  data: { runId: RUN_ID, preparation: 1, approvedBy },
});

describe('a monthly disbursement run (月拨付)', () => {
  describe('PrepareRun', () => {
    it('orders one transfer per hospital and per household card, each with its key and its payables, and control totals', () => {
      spec
        .given()
        .when(prepare())
        .then([
          {
            type: 'RunPrepared',
            data: {
              runId: RUN_ID,
              fund: FUND,
              month: MONTH,
              preparation: 1,
              position: '42',
              preparedBy: 'clerk-li',
              orders: [
                {
                  idempotencyKey: `${RUN_ID}/HOSPITAL/hosp-a`,
                  payee: 'HOSPITAL',
                  payeeId: 'hosp-a',
                  amount: '2200.00',
                  payables: ['e-1', 'e-3'],
                },
                {
                  idempotencyKey: `${RUN_ID}/HOSPITAL/hosp-b`,
                  payee: 'HOSPITAL',
                  payeeId: 'hosp-b',
                  amount: '50.00',
                  payables: ['e-2'],
                },
                {
                  idempotencyKey: `${RUN_ID}/HOUSEHOLD_BANK_CARD/household-x`,
                  payee: 'HOUSEHOLD_BANK_CARD',
                  payeeId: 'household-x',
                  amount: '300.00',
                  payables: ['e-4'],
                },
              ],
              controlTotals: { count: 3, payables: 4, sum: '2550.00' },
            },
          },
        ]);
    });

    it('changes nothing when prepared again with the same payables, even at a later position', () => {
      spec
        .given(...prepared())
        .when(prepare('clerk-li', PAYABLES, { position: '97' }))
        .thenNothing();
      spec
        .given(...prepared(), approved())
        .when(prepare())
        .thenNothing();
    });

    it('refuses RUN_EXISTS when the payables differ, prepared or approved', () => {
      const more = [...PAYABLES, owed('e-5', 'hosp-b', 100)];
      spec
        .given(...prepared())
        .when(prepare('clerk-li', more))
        .thenThrows(Refusal, { code: 'RUN_EXISTS' });
      spec
        .given(...prepared(), approved())
        .when(prepare('clerk-li', more))
        .thenThrows(Refusal, { code: 'RUN_EXISTS' });
    });

    it('prepares again, counted, after a rejection or a cancellation', () => {
      const again = [PAYABLES[0]];
      for (const ended of [reject('head-zhao'), cancel('clerk-li')]) {
        const history = [
          ...prepared(),
          ...spec
            .given(...prepared())
            .when(ended)
            .events(),
        ];
        const [event] = spec
          .given(...history)
          .when(prepare('clerk-wu', again))
          .events();
        expect(event).toMatchObject({
          type: 'RunPrepared',
          data: { preparation: 2, preparedBy: 'clerk-wu', controlTotals: { count: 1, payables: 1, sum: '1200.25' } },
        });
      }
    });

    it('never orders a payable another run of the fund already orders', () => {
      const [event] = spec
        .given()
        .when(prepare('clerk-li', PAYABLES, { coveredElsewhere: ['e-1', 'e-4'] }))
        .events();
      expect(event.type === 'RunPrepared' && event.data.orders.map((o) => [o.payeeId, o.payables])).toEqual([
        ['hosp-a', ['e-3']],
        ['hosp-b', ['e-2']],
      ]);
    });

    it('refuses a month with nothing to pay, a payable of another fund or month, and one listed twice', () => {
      spec.given().when(prepare('clerk-li', [])).thenThrows(Refusal, { code: 'NOTHING_TO_PAY' });
      spec
        .given()
        .when(prepare('clerk-li', [{ ...PAYABLES[0], month: '2019-04' }]))
        .thenThrows(Refusal, { code: 'PAYABLE_NOT_OF_RUN' });
      spec
        .given()
        .when(prepare('clerk-li', [{ ...PAYABLES[0], fund: 'GOVERNMENT_BACKSTOP_FUND' }]))
        .thenThrows(Refusal, { code: 'PAYABLE_NOT_OF_RUN' });
      spec
        .given()
        .when(prepare('clerk-li', [PAYABLES[0], PAYABLES[0]]))
        .thenThrows(Refusal, { code: 'PAYABLE_TWICE' });
    });
  });

  describe('maker-checker', () => {
    it('is approved by another person of finance', () => {
      spec
        .given(...prepared())
        .when(approve('head-zhao'))
        .then([approved('head-zhao')]);
      expect(
        spec
          .given(...prepared(), approved())
          .when(approve('head-zhao'))
          .state(),
      ).toMatchObject({
        status: 'Approved',
        approvedBy: 'head-zhao',
      });
    });

    it('refuses the preparer approving their own run', () => {
      spec
        .given(...prepared())
        .when(approve('clerk-li'))
        .thenThrows(Refusal, { code: 'SELF_APPROVAL', kind: 'RULE' });
    });

    it('refuses the preparer of the second preparation, not of the first', () => {
      const history = [
        ...prepared(),
        ...spec
          .given(...prepared())
          .when(reject('head-zhao'))
          .events(),
      ];
      const again = [
        ...history,
        ...spec
          .given(...history)
          .when(prepare('head-zhao'))
          .events(),
      ];
      spec
        .given(...again)
        .when(approve('head-zhao'))
        .thenThrows(Refusal, { code: 'SELF_APPROVAL' });
      expect(
        spec
          .given(...again)
          .when(approve('clerk-li'))
          .events(),
      ).toEqual([{ type: 'RunApproved', data: { runId: RUN_ID, preparation: 2, approvedBy: 'clerk-li' } }]);
    });

    it('approving again changes nothing', () => {
      spec
        .given(...prepared(), approved())
        .when(approve('head-zhao'))
        .thenNothing();
    });
  });

  describe('RejectRun and CancelRun', () => {
    it('rejects a prepared run, not an approved one (that one is cancelled)', () => {
      spec
        .given(...prepared())
        .when(reject('head-zhao'))
        .then([
          {
            type: 'RunRejected',
            data: { runId: RUN_ID, preparation: 1, rejectedBy: 'head-zhao', reason: 'hosp-b is disputed' },
          },
        ]);
      spec
        .given(...prepared(), approved())
        .when(reject('head-zhao'))
        .thenThrows(Refusal, { code: 'RUN_APPROVED' });
    });

    it('cancels a run until it is sent: prepared or approved', () => {
      for (const history of [prepared(), [...prepared(), approved()]]) {
        spec
          .given(...history)
          .when(cancel('clerk-li'))
          .then([
            {
              type: 'RunCancelled',
              data: { runId: RUN_ID, preparation: 1, cancelledBy: 'clerk-li', reason: 'the fund is short this month' },
            },
          ]);
      }
    });

    it('neither approves a rejected or cancelled run nor acts on a run never prepared', () => {
      const rejected = [
        ...prepared(),
        ...spec
          .given(...prepared())
          .when(reject('head-zhao'))
          .events(),
      ];
      const cancelled = [
        ...prepared(),
        ...spec
          .given(...prepared())
          .when(cancel('clerk-li'))
          .events(),
      ];
      spec
        .given(...rejected)
        .when(approve('head-zhao'))
        .thenThrows(Refusal, { code: 'RUN_REJECTED' });
      spec
        .given(...cancelled)
        .when(approve('head-zhao'))
        .thenThrows(Refusal, { code: 'RUN_CANCELLED' });
      spec
        .given(...rejected)
        .when(cancel('clerk-li'))
        .thenThrows(Refusal, { code: 'RUN_REJECTED' });
      spec
        .given(...cancelled)
        .when(cancel('clerk-li'))
        .thenNothing();
      spec
        .given(...rejected)
        .when(reject('head-zhao'))
        .thenNothing();
      for (const command of [approve('head-zhao'), reject('head-zhao'), cancel('clerk-li')])
        spec.given().when(command).thenThrows(Refusal, { code: 'RUN_NOT_FOUND', kind: 'NOT_FOUND' });
    });
  });

  describe('orders and control totals (property)', () => {
    const FUNDS = Object.values(FUND_OF_LAYER);
    const aPayable = fc.record({
      eventId: fc.uuid(),
      payee: fc.constantFrom('HOSPITAL' as const, 'HOUSEHOLD_BANK_CARD' as const),
      payeeId: fc.integer({ min: 0, max: 6 }).map((n) => `payee-${n}`),
      amount: fc.integer({ min: 1, max: 100_000_000 }),
    });
    const payables = fc.uniqueArray(aPayable, { minLength: 1, maxLength: 60, selector: (p) => p.eventId });

    it('sums the orders to the control total, the sum of the payables covered, each covered exactly once', () => {
      fc.assert(
        fc.property(payables, fc.constantFrom(...FUNDS), fc.nat(), (drawn, fund, seed) => {
          const all: RunPayable[] = drawn.map((p) => ({ ...p, fund, month: MONTH }));
          // Some payables already ordered by another run of the fund: never ordered here.
          const elsewhere = all.filter((_, i) => (i + seed) % 5 === 0).map((p) => p.eventId);
          const command: PaymentRunCommand = {
            type: 'PrepareRun',
            data: {
              fund,
              month: MONTH,
              position: '7',
              preparedBy: 'clerk-li',
              payables: all,
              coveredElsewhere: elsewhere,
            },
          };
          const expected = all.filter((p) => !elsewhere.includes(p.eventId));
          if (expected.length === 0) {
            spec.given().when(command).thenThrows(Refusal, { code: 'NOTHING_TO_PAY' });
            return;
          }
          const [event] = spec.given().when(command).events();
          if (event.type !== 'RunPrepared') throw new Error(`expected RunPrepared, got ${event.type}`);
          const { orders, controlTotals } = event.data;
          const ordersSum = formatYuan(sumFen(orders.map((o) => yuanToFen(o.amount, 'order.amount'))));
          expect(ordersSum).toBe(controlTotals.sum);
          expect(controlTotals.sum).toBe(formatYuan(sumFen(expected.map((p) => p.amount))));
          expect(controlTotals.count).toBe(orders.length);
          const covered = orders.flatMap((o) => o.payables);
          expect([...covered].sort()).toEqual(expected.map((p) => p.eventId).sort());
          expect(controlTotals.payables).toBe(covered.length);
          expect(new Set(orders.map((o) => o.idempotencyKey)).size).toBe(orders.length);
          for (const o of orders) {
            const mine = expected.filter((p) => p.payee === o.payee && p.payeeId === o.payeeId);
            expect(o.amount).toBe(formatYuan(sumFen(mine.map((p) => p.amount))));
          }
        }),
      );
    });
  });
});
