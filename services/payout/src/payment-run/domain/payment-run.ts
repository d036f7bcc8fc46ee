import type { Fund, Yuan } from '@aid/contracts';
import { assertNever, conflict, notFound, rule, type Decider } from '@aid/event-store/decider';
import { formatYuan, sumFen, type Fen } from '@aid/money';

/**
 * One fund's monthly disbursement (月拨付), on the stream `payment-run-<fund>-<month>`: the
 * payment orders computed from the payables recorded for that fund and month as the store
 * stood at one position, prepared by one person (maker) and approved by another (checker).
 * There is one run per fund and month; a rejected or cancelled run may be prepared again.
 * Sending the orders to the bank is the next step: `Sent` will join the states below.
 */

export const paymentRunStreamId = (fund: Fund, month: string): string => `payment-run-${fund}-${month}`;
/** The stream prefix of every run of a fund (used to find the payables other runs cover). */
export const paymentRunStreamPrefix = (fund: Fund): string => `payment-run-${fund}-`;

export type OrderPayee = 'HOSPITAL' | 'HOUSEHOLD_BANK_CARD';

/** A payable as a run reads it: one HospitalReimbursementOwed or BankCardPaymentDue event. */
export interface RunPayable {
  /** The payable's event id in payout's store: what an order says it covers. */
  eventId: string;
  payee: OrderPayee;
  /** The hospital (payee HOSPITAL) or the household whose bank card is paid (代办打卡). */
  payeeId: string;
  fund: Fund;
  month: string;
  amount: Fen;
}

/** One transfer: everything the fund owes one payee in the month. */
export interface PaymentOrder {
  /**
   * Derived from the run and the payee only, so a run prepared again (after a rejection or a
   * cancellation, before anything was sent) gives the bank the same key for the same payee.
   */
  idempotencyKey: string;
  payee: OrderPayee;
  payeeId: string;
  amount: Yuan;
  /** The payables' event ids, sorted. */
  payables: string[];
}

export interface ControlTotals {
  /** How many orders. */
  count: number;
  /** How many payables the orders cover. */
  payables: number;
  sum: Yuan;
}

export interface RunPrepared {
  runId: string;
  fund: Fund;
  month: string;
  /** 1 for the first preparation; each one after a rejection or a cancellation counts up. */
  preparation: number;
  /** The store's position the payables were read up to (docs/adr/0015). */
  position: string;
  preparedBy: string;
  orders: PaymentOrder[];
  controlTotals: ControlTotals;
}

export interface RunApproved {
  runId: string;
  preparation: number;
  approvedBy: string;
}

export interface RunRejected {
  runId: string;
  preparation: number;
  rejectedBy: string;
  reason: string;
}

export interface RunCancelled {
  runId: string;
  preparation: number;
  cancelledBy: string;
  reason: string;
}

export type PaymentRunEvent =
  | { type: 'RunPrepared'; data: RunPrepared }
  | { type: 'RunApproved'; data: RunApproved }
  | { type: 'RunRejected'; data: RunRejected }
  | { type: 'RunCancelled'; data: RunCancelled };

export const PAYMENT_RUN_EVENT_TYPES = [
  'RunPrepared',
  'RunApproved',
  'RunRejected',
  'RunCancelled',
] as const satisfies readonly PaymentRunEvent['type'][];

export interface PrepareRun {
  type: 'PrepareRun';
  data: {
    fund: Fund;
    month: string;
    position: string;
    preparedBy: string;
    /** The fund's payables of the month, read up to `position`. */
    payables: RunPayable[];
    /** Payables other runs of the fund (prepared or approved) already order: never ordered twice. */
    coveredElsewhere: string[];
  };
}

export interface ApproveRun {
  type: 'ApproveRun';
  data: { approvedBy: string };
}

export interface RejectRun {
  type: 'RejectRun';
  data: { rejectedBy: string; reason: string };
}

export interface CancelRun {
  type: 'CancelRun';
  data: { cancelledBy: string; reason: string };
}

export type PaymentRunCommand = PrepareRun | ApproveRun | RejectRun | CancelRun;

export type PaymentRunState =
  | { status: 'None' }
  | { status: 'Prepared'; run: RunPrepared }
  | { status: 'Approved'; run: RunPrepared; approvedBy: string }
  | { status: 'Rejected'; run: RunPrepared; rejectedBy: string; reason: string }
  | { status: 'Cancelled'; run: RunPrepared; cancelledBy: string; reason: string };

export function initialState(): PaymentRunState {
  return { status: 'None' };
}

export function evolve(state: PaymentRunState, event: PaymentRunEvent): PaymentRunState {
  switch (event.type) {
    case 'RunPrepared':
      return { status: 'Prepared', run: event.data };
    case 'RunApproved':
      return state.status === 'None'
        ? state
        : { status: 'Approved', run: state.run, approvedBy: event.data.approvedBy };
    case 'RunRejected':
      return state.status === 'None'
        ? state
        : { status: 'Rejected', run: state.run, rejectedBy: event.data.rejectedBy, reason: event.data.reason };
    case 'RunCancelled':
      return state.status === 'None'
        ? state
        : { status: 'Cancelled', run: state.run, cancelledBy: event.data.cancelledBy, reason: event.data.reason };
    default:
      return assertNever(event, 'payment run event');
  }
}

export function decide(command: PaymentRunCommand, state: PaymentRunState): PaymentRunEvent[] {
  switch (command.type) {
    case 'PrepareRun':
      return prepareRun(command, state);
    case 'ApproveRun':
      return approveRun(command, state);
    case 'RejectRun':
      return rejectRun(command, state);
    case 'CancelRun':
      return cancelRun(command, state);
    default:
      return assertNever(command, 'payment run command');
  }
}

export const paymentRunDecider: Decider<PaymentRunState, PaymentRunCommand, PaymentRunEvent> = {
  initialState,
  evolve,
  decide,
};

/** The payables' event ids a run's orders cover. */
export const coveredPayables = (run: RunPrepared): string[] => run.orders.flatMap((o) => o.payables);

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Groups payables into one order per payee: pure, and the same whatever order they come in. */
export function paymentOrders(runId: string, payables: readonly RunPayable[]): PaymentOrder[] {
  const groups = new Map<string, RunPayable[]>();
  for (const p of payables) {
    const key = `${p.payee}/${p.payeeId}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.keys()].sort(byText).map((key) => {
    const group = groups.get(key) ?? [];
    return {
      idempotencyKey: `${runId}/${key}`,
      payee: group[0].payee,
      payeeId: group[0].payeeId,
      amount: formatYuan(sumFen(group.map((p) => p.amount))),
      payables: group.map((p) => p.eventId).sort(byText),
    };
  });
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort(byText).every((id, i) => id === [...b].sort(byText)[i]);

function prepareRun(command: PrepareRun, state: PaymentRunState): PaymentRunEvent[] {
  const { fund, month, position, preparedBy } = command.data;
  const runId = paymentRunStreamId(fund, month);
  const foreign = command.data.payables.find((p) => p.fund !== fund || p.month !== month);
  if (foreign) throw rule('PAYABLE_NOT_OF_RUN', `payable ${foreign.eventId} is not owed by ${fund} for ${month}`);
  const ids = command.data.payables.map((p) => p.eventId);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw rule('PAYABLE_TWICE', `payable ${twice} is listed twice`);
  const elsewhere = new Set(command.data.coveredElsewhere);
  const payables = command.data.payables.filter((p) => !elsewhere.has(p.eventId));

  switch (state.status) {
    case 'Prepared':
    case 'Approved':
      // The same payables again (a retried request): the run stands as it was prepared.
      if (
        sameIds(
          coveredPayables(state.run),
          payables.map((p) => p.eventId),
        )
      )
        return [];
      throw conflict(
        'RUN_EXISTS',
        `${runId} is ${state.status.toLowerCase()} (preparation ${state.run.preparation}, position ${state.run.position}); ` +
          'reject or cancel it before preparing it again',
      );
    case 'None':
    case 'Rejected':
    case 'Cancelled':
      break;
    default:
      return assertNever(state, 'payment run state');
  }
  if (payables.length === 0)
    throw rule('NOTHING_TO_PAY', `${fund} owes nothing for ${month} up to position ${position}`);
  const orders = paymentOrders(runId, payables);
  return [
    {
      type: 'RunPrepared',
      data: {
        runId,
        fund,
        month,
        preparation: state.status === 'None' ? 1 : state.run.preparation + 1,
        position,
        preparedBy,
        orders,
        controlTotals: {
          count: orders.length,
          payables: payables.length,
          sum: formatYuan(sumFen(payables.map((p) => p.amount))),
        },
      },
    },
  ];
}

const NO_RUN = () => notFound('RUN_NOT_FOUND', 'no run has been prepared for this fund and month');

function approveRun(command: ApproveRun, state: PaymentRunState): PaymentRunEvent[] {
  const { approvedBy } = command.data;
  switch (state.status) {
    case 'None':
      throw NO_RUN();
    case 'Prepared':
      // Maker-checker: the one who prepared the run never approves it.
      if (approvedBy === state.run.preparedBy)
        throw rule('SELF_APPROVAL', `${approvedBy} prepared this run; another person of finance approves it`);
      return [
        { type: 'RunApproved', data: { runId: state.run.runId, preparation: state.run.preparation, approvedBy } },
      ];
    case 'Approved':
      return [];
    case 'Rejected':
      throw conflict('RUN_REJECTED', `the run was rejected by ${state.rejectedBy}; prepare it again`);
    case 'Cancelled':
      throw conflict('RUN_CANCELLED', `the run was cancelled by ${state.cancelledBy}; prepare it again`);
    default:
      return assertNever(state, 'payment run state');
  }
}

function rejectRun(command: RejectRun, state: PaymentRunState): PaymentRunEvent[] {
  const { rejectedBy, reason } = command.data;
  switch (state.status) {
    case 'None':
      throw NO_RUN();
    case 'Prepared':
      return [
        {
          type: 'RunRejected',
          data: { runId: state.run.runId, preparation: state.run.preparation, rejectedBy, reason },
        },
      ];
    case 'Approved':
      throw conflict('RUN_APPROVED', `the run was approved by ${state.approvedBy}; cancel it instead`);
    case 'Rejected':
      return [];
    case 'Cancelled':
      throw conflict('RUN_CANCELLED', `the run was cancelled by ${state.cancelledBy}`);
    default:
      return assertNever(state, 'payment run state');
  }
}

function cancelRun(command: CancelRun, state: PaymentRunState): PaymentRunEvent[] {
  const { cancelledBy, reason } = command.data;
  switch (state.status) {
    case 'None':
      throw NO_RUN();
    // Until the orders are sent, nothing has left the fund: a prepared or approved run may go.
    case 'Prepared':
    case 'Approved':
      return [
        {
          type: 'RunCancelled',
          data: { runId: state.run.runId, preparation: state.run.preparation, cancelledBy, reason },
        },
      ];
    case 'Cancelled':
      return [];
    case 'Rejected':
      throw conflict('RUN_REJECTED', `the run was rejected by ${state.rejectedBy}; there is nothing to cancel`);
    default:
      return assertNever(state, 'payment run state');
  }
}
