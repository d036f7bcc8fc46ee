import { FUND_OF_LAYER, LAYERS, type BillSettledV1 } from '@aid/contracts';
import { assertNever, type Decider } from '@aid/event-store/decider';
import {
  emptyAccumulators,
  formatYuan,
  parseYuan,
  settle,
  type Accumulators,
  type Bill,
  type Category,
  type Policy,
} from '@aid/settlement';
import type { BillSubmission, ClaimEvent, MemberYearEvent, RejectionCode } from './claim-events';

export type ClaimState =
  | { status: 'new' }
  | { status: 'submitted'; submission: BillSubmission }
  | { status: 'settled'; submission: BillSubmission; settlement: BillSettledV1 }
  | { status: 'rejected'; submission: BillSubmission; code: RejectionCode; reason: string };

export interface MemberYearState {
  year: number | null;
  accumulators: Accumulators;
  claims: string[];
}

/** The patient as of the date of service, from claims' member view; null when unknown. */
export interface Patient {
  householdId: string;
  region: string;
  categories: Category[];
  insured: boolean;
  majorDisease: boolean;
  chronicDisease: boolean;
}

export interface SubmitBill {
  submission: BillSubmission;
  patient: Patient | null;
  /** The region's policy for the service year, or null when none is configured. */
  policy: Policy | null;
  submittedAt: string;
}

export type SubmitDecision =
  | { kind: 'settle'; claimEvents: ClaimEvent[]; memberYearEvents: MemberYearEvent[] }
  | { kind: 'reject'; claimEvents: ClaimEvent[] }
  /** The same bill again (a retry): nothing new, the recorded outcome stands. */
  | { kind: 'unchanged'; state: Exclude<ClaimState, { status: 'new' } | { status: 'submitted' }> };

export class ClaimIdInUse extends Error {
  constructor(readonly claimId: string) {
    super(`claim ${claimId} was already settled with different contents`);
    this.name = 'ClaimIdInUse';
  }
}

export const claimDecider = {
  initialState: (): ClaimState => ({ status: 'new' }),
  evolve(state: ClaimState, event: ClaimEvent): ClaimState {
    switch (event.type) {
      case 'BillSubmitted': {
        const { submittedAt: _submittedAt, ...submission } = event.data;
        return { status: 'submitted', submission };
      }
      case 'BillSettled':
        return state.status === 'submitted' ? { status: 'settled', submission: state.submission, settlement: event.data } : state;
      case 'BillRejected':
        return state.status === 'submitted'
          ? { status: 'rejected', submission: state.submission, code: event.data.code, reason: event.data.reason }
          : state;
      default:
        return assertNever(event, 'claim event');
    }
  },
};

export const memberYearDecider: Pick<Decider<MemberYearState, never, MemberYearEvent>, 'initialState' | 'evolve'> = {
  initialState: () => ({ year: null, accumulators: emptyAccumulators(), claims: [] }),
  evolve(state, event) {
    switch (event.type) {
      case 'AccumulatorsCharged':
        return { year: event.data.year, accumulators: event.data.accumulators, claims: [...state.claims, event.data.claimId] };
      default:
        return assertNever(event.type, 'member-year event');
    }
  },
};

function sameSubmission(a: BillSubmission, b: BillSubmission): boolean {
  return (Object.keys(a) as (keyof BillSubmission)[]).every((k) => a[k] === b[k]) && Object.keys(a).length === Object.keys(b).length;
}

function fen(yuan: string): number {
  const parsed = parseYuan(yuan);
  // The HTTP edge checked these; reaching here with a bad amount is a bug, not input.
  if (!parsed.ok) throw new RangeError(parsed.reason);
  return parsed.value;
}

function rejection(command: SubmitBill): { code: RejectionCode; reason: string } | null {
  const { submission, patient, policy } = command;
  if (!patient) return { code: 'UNKNOWN_MEMBER', reason: `member ${submission.memberId} is not registered` };
  if (!policy) {
    return {
      code: 'NO_POLICY',
      reason: `no settlement policy for region ${patient.region} in ${submission.dischargeDate.slice(0, 4)}`,
    };
  }
  if (submission.visitType === 'CHRONIC_OUTPATIENT' && !patient.chronicDisease) {
    return {
      code: 'CHRONIC_DISEASE_NOT_CERTIFIED',
      reason: `member ${submission.memberId} has no chronic disease certified on ${submission.dischargeDate}`,
    };
  }
  return null;
}

/**
 * One bill through the five layers in one step (一站式、一单式). The claim stream records
 * the submission and its outcome; the member-year stream records the new accumulators.
 */
export function decideSubmission(claim: ClaimState, memberYear: MemberYearState, command: SubmitBill): SubmitDecision {
  const { submission } = command;
  switch (claim.status) {
    case 'settled':
      if (sameSubmission(claim.submission, submission)) return { kind: 'unchanged', state: claim };
      throw new ClaimIdInUse(submission.claimId);
    case 'rejected':
      // A refused bill may come again once its cause is fixed (the member registered...).
      if (sameSubmission(claim.submission, submission) && rejection(command)?.code === claim.code) {
        return { kind: 'unchanged', state: claim };
      }
      break;
    case 'new':
    case 'submitted':
      break;
    default:
      assertNever(claim, 'claim state');
  }

  const submitted: ClaimEvent = { type: 'BillSubmitted', data: { ...submission, submittedAt: command.submittedAt } };
  const refused = rejection(command);
  if (refused) {
    return { kind: 'reject', claimEvents: [submitted, { type: 'BillRejected', data: { claimId: submission.claimId, ...refused } }] };
  }
  const patient = command.patient!;
  const policy = command.policy!;
  const year = Number(submission.dischargeDate.slice(0, 4));
  const bill: Bill = {
    claimId: submission.claimId,
    memberId: submission.memberId,
    serviceDate: submission.dischargeDate,
    visitType: submission.visitType,
    facilityLevel: submission.facilityLevel,
    inCounty: submission.inCounty,
    totalCost: fen(submission.totalCost),
    eligibleCost: fen(submission.eligibleCost),
    categories: patient.categories,
    insured: patient.insured,
    majorDisease: patient.majorDisease,
  };
  const accumulators = memberYear.year === year ? memberYear.accumulators : emptyAccumulators();
  const result = settle(bill, accumulators, policy);
  const settled: BillSettledV1 = {
    claimId: submission.claimId,
    memberId: submission.memberId,
    householdId: patient.householdId,
    hospitalId: submission.hospitalId,
    region: patient.region,
    year,
    admissionDate: submission.admissionDate,
    dischargeDate: submission.dischargeDate,
    visitType: submission.visitType,
    facilityLevel: submission.facilityLevel,
    inCounty: submission.inCounty,
    totalCost: formatYuan(bill.totalCost),
    eligibleCost: formatYuan(bill.eligibleCost),
    categories: [...patient.categories],
    insured: patient.insured,
    majorDisease: patient.majorDisease,
    layers: LAYERS.map((layer) => ({ layer, fund: FUND_OF_LAYER[layer], amount: formatYuan(result[layer]) })),
    outOfPocket: formatYuan(result.outOfPocket),
    payee: submission.inCounty ? 'HOSPITAL' : 'HOUSEHOLD_BANK_CARD',
  };
  return {
    kind: 'settle',
    claimEvents: [submitted, { type: 'BillSettled', data: settled }],
    memberYearEvents: [
      {
        type: 'AccumulatorsCharged',
        data: { memberId: submission.memberId, year, claimId: submission.claimId, accumulators: result.accumulators },
      },
    ],
  };
}

export function memberYearStream(memberId: string, year: number): string {
  return `member-year-${memberId}-${year}`;
}

export function claimStream(claimId: string): string {
  return `claim-${claimId}`;
}
