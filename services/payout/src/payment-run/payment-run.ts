import { randomUUID } from 'node:crypto';
import type { Fund } from '@aid/contracts';
import { runCommand, type PostgresEventStore } from '@aid/event-store';
import { foldRecorded, notFound } from '@aid/event-store/decider';
import {
  coveredPayables,
  paymentRunDecider,
  paymentRunStreamId,
  type ControlTotals,
  type PaymentOrder,
  type PaymentRunCommand,
  type PaymentRunEvent,
  type PaymentRunState,
} from './domain/payment-run';
import { coveredByOtherRuns, runHorizon, runPayables } from './run-payables.query';

export interface PaymentRunDeps {
  store: PostgresEventStore;
  schema: string;
}

export interface RunRef {
  fund: Fund;
  month: string;
}

export interface CommandMeta {
  correlationId?: string;
  occurredAt: string;
  /** Who sent the command (from the token): recorded in every event's metadata. */
  actor?: Record<string, unknown>;
}

async function runRunCommand(
  deps: PaymentRunDeps,
  ref: RunRef,
  command: PaymentRunCommand,
  meta: CommandMeta,
): Promise<PaymentRunEvent[]> {
  const commandId = randomUUID();
  const { events } = await runCommand(
    deps.store,
    paymentRunDecider,
    { read: [paymentRunStreamId(ref.fund, ref.month)] },
    command,
    {
      eventIds: randomUUID,
      metadata: {
        correlationId: meta.correlationId ?? commandId,
        causationId: null,
        partitionKey: `fund:${ref.fund}`,
        occurredAt: meta.occurredAt,
        ...(meta.actor ? { actor: meta.actor } : {}),
      },
    },
  );
  return events;
}

/**
 * Reads the fund's payables of the month up to the store's position now, and what the fund's
 * other runs already order, and hands both to the decider: the run it records is computed
 * from that data alone, and says at which position it was read.
 */
export async function prepareRun(
  deps: PaymentRunDeps,
  ref: RunRef,
  preparedBy: string,
  meta: CommandMeta,
): Promise<PaymentRunEvent[]> {
  const pool = deps.store.pool;
  const position = await runHorizon(pool, deps.schema);
  const [payables, coveredElsewhere] = await Promise.all([
    position === null ? [] : runPayables(pool, deps.schema, ref.fund, ref.month, position),
    coveredByOtherRuns(pool, deps.schema, ref.fund, paymentRunStreamId(ref.fund, ref.month)),
  ]);
  return runRunCommand(
    deps,
    ref,
    {
      type: 'PrepareRun',
      data: { ...ref, position: position ?? '0', preparedBy, payables, coveredElsewhere },
    },
    meta,
  );
}

export const approveRun = (deps: PaymentRunDeps, ref: RunRef, approvedBy: string, meta: CommandMeta) =>
  runRunCommand(deps, ref, { type: 'ApproveRun', data: { approvedBy } }, meta);

export const rejectRun = (deps: PaymentRunDeps, ref: RunRef, rejectedBy: string, reason: string, meta: CommandMeta) =>
  runRunCommand(deps, ref, { type: 'RejectRun', data: { rejectedBy, reason } }, meta);

export const cancelRun = (deps: PaymentRunDeps, ref: RunRef, cancelledBy: string, reason: string, meta: CommandMeta) =>
  runRunCommand(deps, ref, { type: 'CancelRun', data: { cancelledBy, reason } }, meta);

export interface PaymentRunView {
  runId: string;
  fund: Fund;
  month: string;
  status: 'PREPARED' | 'APPROVED' | 'REJECTED' | 'CANCELLED';
  preparation: number;
  position: string;
  preparedBy: string;
  approvedBy: string | null;
  rejectedBy: string | null;
  cancelledBy: string | null;
  reason: string | null;
  orders: PaymentOrder[];
  controlTotals: ControlTotals;
  /**
   * Payables of the fund and month recorded since (or otherwise not in the run): the run is
   * frozen, so these wait for a new preparation after a rejection or a cancellation.
   */
  payablesNotInRun: number;
}

const STATUS = {
  Prepared: 'PREPARED',
  Approved: 'APPROVED',
  Rejected: 'REJECTED',
  Cancelled: 'CANCELLED',
} as const satisfies Record<Exclude<PaymentRunState['status'], 'None'>, PaymentRunView['status']>;

/** A run as it stands, with how many of the month's payables it does not cover now. */
export async function paymentRun(deps: PaymentRunDeps, ref: RunRef): Promise<PaymentRunView> {
  const runId = paymentRunStreamId(ref.fund, ref.month);
  const [recorded, now] = await Promise.all([
    deps.store.readStream(runId),
    runPayables(deps.store.pool, deps.schema, ref.fund, ref.month, null),
  ]);
  const state = foldRecorded(paymentRunDecider, recorded);
  if (state.status === 'None')
    throw notFound('RUN_NOT_FOUND', `no run has been prepared for ${ref.fund} in ${ref.month}`);
  const covered = new Set(coveredPayables(state.run));
  const { run } = state;
  return {
    runId,
    fund: run.fund,
    month: run.month,
    status: STATUS[state.status],
    preparation: run.preparation,
    position: run.position,
    preparedBy: run.preparedBy,
    approvedBy: state.status === 'Approved' ? state.approvedBy : null,
    rejectedBy: state.status === 'Rejected' ? state.rejectedBy : null,
    cancelledBy: state.status === 'Cancelled' ? state.cancelledBy : null,
    reason: state.status === 'Rejected' || state.status === 'Cancelled' ? state.reason : null,
    orders: run.orders,
    controlTotals: run.controlTotals,
    payablesNotInRun: now.filter((p) => !covered.has(p.eventId)).length,
  };
}
