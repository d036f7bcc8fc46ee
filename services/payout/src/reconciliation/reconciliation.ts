import { createHash, randomUUID } from 'node:crypto';
import type { CalendarDate } from '@aid/contracts';
import { runCommand, type PostgresEventStore } from '@aid/event-store';
import { foldRecorded } from '@aid/event-store/decider';
import { InputError } from '@aid/platform';
import { parseDailyList } from './domain/daily-list';
import { listTotals, type ListTotals } from './domain/matching';
import {
  reconciliationDecider,
  reconciliationStreamId,
  type Difference,
  type ReconciliationCommand,
  type ReconciliationEvent,
} from './domain/reconciliation';
import { ourPayablesOfDay } from './our-payables.query';

export interface ReconciliationDeps {
  store: PostgresEventStore;
  schema: string;
}

export interface DayRef {
  hospitalId: string;
  day: CalendarDate;
}

export interface CommandMeta {
  correlationId?: string;
  occurredAt: string;
  /** Who sent the command (from the token): recorded in every event's metadata. */
  actor?: Record<string, unknown>;
}

/** A command on one hospital's day, through the one command handler. */
async function runDayCommand(
  deps: ReconciliationDeps,
  ref: DayRef,
  command: ReconciliationCommand,
  meta: CommandMeta,
): Promise<ReconciliationEvent[]> {
  const commandId = randomUUID();
  const { events } = await runCommand(
    deps.store,
    reconciliationDecider,
    { read: [reconciliationStreamId(ref.hospitalId, ref.day)] },
    command,
    {
      eventIds: randomUUID,
      metadata: {
        correlationId: meta.correlationId ?? commandId,
        causationId: null,
        partitionKey: `hospital:${ref.hospitalId}`,
        occurredAt: meta.occurredAt,
        ...(meta.actor ? { actor: meta.actor } : {}),
      },
    },
  );
  return events;
}

/**
 * Reads the hospital's file whole (a bad one is refused with every problem, and nothing is
 * recorded), reads our payables of the day, and records the list and its differences.
 */
export async function uploadDailyList(
  deps: ReconciliationDeps,
  ref: DayRef,
  file: Buffer,
  meta: CommandMeta,
): Promise<ReconciliationEvent[]> {
  const parsed = parseDailyList(file, ref.day);
  if (!parsed.ok) throw new InputError(parsed.problems);
  const ours = await ourPayablesOfDay(deps.store.pool, deps.schema, ref.hospitalId, ref.day);
  const fileHash = createHash('sha256').update(file).digest('hex');
  return runDayCommand(
    deps,
    ref,
    { type: 'UploadDailyList', data: { ...ref, fileHash, theirs: parsed.lines, ours } },
    meta,
  );
}

export const resolveDifference = (
  deps: ReconciliationDeps,
  ref: DayRef,
  data: Extract<ReconciliationCommand, { type: 'ResolveDifference' }>['data'],
  meta: CommandMeta,
) => runDayCommand(deps, ref, { type: 'ResolveDifference', data }, meta);

export const closeDay = (deps: ReconciliationDeps, ref: DayRef, closedBy: string, meta: CommandMeta) =>
  runDayCommand(deps, ref, { type: 'CloseDay', data: { closedBy } }, meta);

export interface ReconciliationDayView {
  hospitalId: string;
  day: CalendarDate;
  status: 'NO_LIST' | 'OPEN' | 'CLOSED';
  /** How many lists were uploaded; the last one counts. */
  uploads: number;
  fileHash: string | null;
  /** The hospital's list: lines and sums. Null before any upload. */
  theirs: ListTotals | null;
  /** Our payables of the day, as they were matched with the list. Null before any upload. */
  oursMatched: ListTotals | null;
  /** Our payables of the day now: differs from `oursMatched` when a settlement came in since. */
  ours: ListTotals;
  changedSinceUpload: boolean;
  differences: (Omit<Difference, 'resolved' | 'upload'> & {
    state: 'OPEN' | 'RESOLVED';
    resolution: string | null;
    note: string | null;
    resolvedBy: string | null;
  })[];
  closedBy: string | null;
}

/** One hospital's day: its stream folded, and our payables of the day as they are now. */
export async function reconciliationDay(deps: ReconciliationDeps, ref: DayRef): Promise<ReconciliationDayView> {
  const [recorded, oursNow] = await Promise.all([
    deps.store.readStream(reconciliationStreamId(ref.hospitalId, ref.day)),
    ourPayablesOfDay(deps.store.pool, deps.schema, ref.hospitalId, ref.day),
  ]);
  const state = foldRecorded(reconciliationDecider, recorded);
  const ours = listTotals(oursNow);
  if (state.status === 'NoList') {
    return {
      ...ref,
      status: 'NO_LIST',
      uploads: 0,
      fileHash: null,
      theirs: null,
      oursMatched: null,
      ours,
      changedSinceUpload: false,
      differences: [],
      closedBy: null,
    };
  }
  return {
    ...ref,
    status: state.status === 'Open' ? 'OPEN' : 'CLOSED',
    uploads: state.upload,
    fileHash: state.fileHash,
    theirs: state.theirs,
    oursMatched: state.ours,
    ours,
    changedSinceUpload: JSON.stringify(ours) !== JSON.stringify(state.ours),
    differences: state.differences.map(({ resolved, upload: _upload, ...d }) => ({
      ...d,
      state: resolved ? 'RESOLVED' : 'OPEN',
      resolution: resolved?.resolution ?? null,
      note: resolved?.note ?? null,
      resolvedBy: resolved?.resolvedBy ?? null,
    })),
    closedBy: state.closedBy,
  };
}
