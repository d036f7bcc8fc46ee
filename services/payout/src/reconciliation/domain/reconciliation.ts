import type { CalendarDate, Fund, Yuan } from '@aid/contracts';
import { assertNever, conflict, notFound, rule, type Decider } from '@aid/event-store/decider';
import { formatYuan } from '@aid/money';
import type { ListLine } from './daily-list';
import { listTotals, matchDailyList, type DifferenceReason, type ListTotals, type Mismatch } from './matching';

/**
 * One hospital's day of reconciliation (日对账), on the stream `reconciliation-<hospitalId>-<day>`:
 * the list the hospital uploaded, matched against our payables of that day; each difference,
 * until a named person resolves it; and the day closed with its control totals, once nothing
 * is left open. Reconciliation records why the two sides differ; it never changes what is
 * owed (the payables are what the settlements left owing).
 */

export const reconciliationStreamId = (hospitalId: string, day: CalendarDate): string =>
  `reconciliation-${hospitalId}-${day}`;

/** What a resolved difference was agreed to be. */
export const RESOLUTIONS = ['ACCEPT_OURS', 'HOSPITAL_CORRECTS', 'WRITE_OFF'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface DailyListUploaded {
  hospitalId: string;
  day: CalendarDate;
  /** SHA-256 of the file's bytes, hex: the same file again changes nothing. */
  fileHash: string;
  /** 1 for the first list of the day; each corrected list replaces the one before. */
  upload: number;
  theirs: ListTotals;
  /** Our payables of the hospital's day, as matched. */
  ours: ListTotals;
  /** How many DifferenceFound follow. */
  differences: number;
}

export interface DifferenceFound {
  differenceId: string;
  upload: number;
  claimId: string;
  fund: Fund;
  reason: DifferenceReason;
  memberId: string;
  ours: Yuan | null;
  theirs: Yuan | null;
}

export interface DifferenceResolved {
  differenceId: string;
  resolution: Resolution;
  note: string;
  resolvedBy: string;
}

export interface ReconciliationDayClosed {
  hospitalId: string;
  day: CalendarDate;
  fileHash: string;
  upload: number;
  closedBy: string;
  theirs: ListTotals;
  ours: ListTotals;
  differences: number;
  resolutions: Record<Resolution, number>;
}

export type ReconciliationEvent =
  | { type: 'DailyListUploaded'; data: DailyListUploaded }
  | { type: 'DifferenceFound'; data: DifferenceFound }
  | { type: 'DifferenceResolved'; data: DifferenceResolved }
  | { type: 'ReconciliationDayClosed'; data: ReconciliationDayClosed };

export const RECONCILIATION_EVENT_TYPES = [
  'DailyListUploaded',
  'DifferenceFound',
  'DifferenceResolved',
  'ReconciliationDayClosed',
] as const satisfies readonly ReconciliationEvent['type'][];

export interface UploadDailyList {
  type: 'UploadDailyList';
  data: {
    hospitalId: string;
    day: CalendarDate;
    fileHash: string;
    theirs: ListLine[];
    /** Our payables of the hospital's day, read when the list came in. */
    ours: ListLine[];
  };
}

export interface ResolveDifference {
  type: 'ResolveDifference';
  data: DifferenceResolved;
}

export interface CloseDay {
  type: 'CloseDay';
  data: { closedBy: string };
}

export type ReconciliationCommand = UploadDailyList | ResolveDifference | CloseDay;

export interface Difference extends DifferenceFound {
  resolved: Omit<DifferenceResolved, 'differenceId'> | null;
}

export type ReconciliationState =
  | { status: 'NoList' }
  | {
      status: 'Open' | 'Closed';
      hospitalId: string;
      day: CalendarDate;
      fileHash: string;
      upload: number;
      theirs: ListTotals;
      ours: ListTotals;
      /** The differences of the current list, in the order found. */
      differences: Difference[];
      /** Ids are numbered over the whole day; an id below this one belongs to a replaced list. */
      firstIdOfUpload: number;
      nextId: number;
      closedBy: string | null;
    };

const differenceId = (n: number): string => `d-${n}`;
const idNumber = (id: string): number | null => (/^d-[1-9][0-9]*$/.test(id) ? Number(id.slice(2)) : null);

export function initialState(): ReconciliationState {
  return { status: 'NoList' };
}

export function evolve(state: ReconciliationState, event: ReconciliationEvent): ReconciliationState {
  switch (event.type) {
    case 'DailyListUploaded': {
      const nextId = state.status === 'NoList' ? 1 : state.nextId;
      const d = event.data;
      return {
        status: 'Open',
        hospitalId: d.hospitalId,
        day: d.day,
        fileHash: d.fileHash,
        upload: d.upload,
        theirs: d.theirs,
        ours: d.ours,
        differences: [],
        firstIdOfUpload: nextId,
        nextId,
        closedBy: null,
      };
    }
    case 'DifferenceFound':
      if (state.status === 'NoList') return state;
      return {
        ...state,
        differences: [...state.differences, { ...event.data, resolved: null }],
        nextId: Math.max(state.nextId, (idNumber(event.data.differenceId) ?? 0) + 1),
      };
    case 'DifferenceResolved': {
      if (state.status === 'NoList') return state;
      const { differenceId: id, ...resolved } = event.data;
      return {
        ...state,
        differences: state.differences.map((d) => (d.differenceId === id ? { ...d, resolved } : d)),
      };
    }
    case 'ReconciliationDayClosed':
      if (state.status === 'NoList') return state;
      return { ...state, status: 'Closed', closedBy: event.data.closedBy };
    default:
      return assertNever(event, 'reconciliation event');
  }
}

export function decide(command: ReconciliationCommand, state: ReconciliationState): ReconciliationEvent[] {
  switch (command.type) {
    case 'UploadDailyList':
      return uploadDailyList(command, state);
    case 'ResolveDifference':
      return resolveDifference(command, state);
    case 'CloseDay':
      return closeDay(command, state);
    default:
      return assertNever(command, 'reconciliation command');
  }
}

export const reconciliationDecider: Decider<ReconciliationState, ReconciliationCommand, ReconciliationEvent> = {
  initialState,
  evolve,
  decide,
};

const yuanOrNull = (fen: number | null): Yuan | null => (fen === null ? null : formatYuan(fen));
const sameMismatch = (d: Difference, m: Mismatch): boolean =>
  d.claimId === m.claimId &&
  d.fund === m.fund &&
  d.reason === m.reason &&
  d.memberId === m.memberId &&
  d.ours === yuanOrNull(m.ours) &&
  d.theirs === yuanOrNull(m.theirs);

function uploadDailyList(command: UploadDailyList, state: ReconciliationState): ReconciliationEvent[] {
  const { hospitalId, day, fileHash, theirs, ours } = command.data;
  const mismatches = matchDailyList(ours, theirs);
  if (state.status !== 'NoList' && state.fileHash === fileHash) {
    // The same file again, matched against the same payables: nothing new to say.
    const unchanged =
      state.differences.length === mismatches.length &&
      state.differences.every((d, i) => sameMismatch(d, mismatches[i]));
    if (unchanged) return [];
  }
  if (state.status === 'Closed') {
    throw conflict(
      'DAY_CLOSED',
      `the reconciliation of ${hospitalId} for ${day} was closed by ${state.closedBy}; a list for it is no longer taken`,
    );
  }
  const upload = state.status === 'NoList' ? 1 : state.upload + 1;
  const firstId = state.status === 'NoList' ? 1 : state.nextId;
  return [
    {
      type: 'DailyListUploaded',
      data: {
        hospitalId,
        day,
        fileHash,
        upload,
        theirs: listTotals(theirs),
        ours: listTotals(ours),
        differences: mismatches.length,
      },
    },
    ...mismatches.map((m, i): ReconciliationEvent => ({
      type: 'DifferenceFound',
      data: {
        differenceId: differenceId(firstId + i),
        upload,
        claimId: m.claimId,
        fund: m.fund,
        reason: m.reason,
        memberId: m.memberId,
        ours: yuanOrNull(m.ours),
        theirs: yuanOrNull(m.theirs),
      },
    })),
  ];
}

function resolveDifference(command: ResolveDifference, state: ReconciliationState): ReconciliationEvent[] {
  const { differenceId: id, resolution, note, resolvedBy } = command.data;
  if (state.status === 'NoList') throw notFound('RECONCILIATION_NOT_FOUND', 'no list has been uploaded for this day');
  const difference = state.differences.find((d) => d.differenceId === id);
  if (!difference) {
    const n = idNumber(id);
    if (n !== null && n < state.firstIdOfUpload)
      throw conflict('DIFFERENCE_SUPERSEDED', `${id} was found in a list that upload ${state.upload} replaced`);
    throw notFound('DIFFERENCE_NOT_FOUND', `${id} is not a difference of this day`);
  }
  const r = difference.resolved;
  if (r && r.resolution === resolution && r.note === note && r.resolvedBy === resolvedBy) return [];
  if (state.status === 'Closed') throw conflict('DAY_CLOSED', `the day was closed by ${state.closedBy}`);
  if (r) throw conflict('DIFFERENCE_ALREADY_RESOLVED', `${id} was resolved ${r.resolution} by ${r.resolvedBy}`);
  return [{ type: 'DifferenceResolved', data: { differenceId: id, resolution, note, resolvedBy } }];
}

function closeDay(command: CloseDay, state: ReconciliationState): ReconciliationEvent[] {
  if (state.status === 'NoList') throw notFound('RECONCILIATION_NOT_FOUND', 'no list has been uploaded for this day');
  if (state.status === 'Closed') return [];
  const open = state.differences.filter((d) => d.resolved === null);
  if (open.length > 0) {
    throw rule(
      'DIFFERENCES_UNRESOLVED',
      `${open.length} difference(s) are not resolved: ${open.map((d) => d.differenceId).join(', ')}`,
    );
  }
  const resolutions = Object.fromEntries(RESOLUTIONS.map((r) => [r, 0])) as Record<Resolution, number>;
  for (const d of state.differences) if (d.resolved) resolutions[d.resolved.resolution]++;
  return [
    {
      type: 'ReconciliationDayClosed',
      data: {
        hospitalId: state.hospitalId,
        day: state.day,
        fileHash: state.fileHash,
        upload: state.upload,
        closedBy: command.data.closedBy,
        theirs: state.theirs,
        ours: state.ours,
        differences: state.differences.length,
        resolutions,
      },
    },
  ];
}
