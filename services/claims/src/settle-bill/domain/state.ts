import type { BillSettledV1 } from '@aid/contracts';
import { assertNever } from '@aid/event-store/decider';
import { emptyAccumulators, type Accumulators } from '@aid/settlement';
import type { BillSubmission, ClaimEvent, RejectionCode, SubmissionEvent } from './claim-events';

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

/** What a bill is decided on: its claim stream and its member's year stream, folded together. */
export interface SubmissionState {
  claim: ClaimState;
  memberYear: MemberYearState;
}

export function initialState(): SubmissionState {
  return { claim: { status: 'new' }, memberYear: { year: null, accumulators: emptyAccumulators(), claims: [] } };
}

function evolveClaim(state: ClaimState, event: ClaimEvent): ClaimState {
  switch (event.type) {
    case 'BillSubmitted': {
      const { submittedAt: _submittedAt, ...submission } = event.data;
      return { status: 'submitted', submission };
    }
    case 'BillSettled':
      return state.status === 'submitted'
        ? { status: 'settled', submission: state.submission, settlement: event.data }
        : state;
    case 'BillRejected':
      return state.status === 'submitted'
        ? { status: 'rejected', submission: state.submission, code: event.data.code, reason: event.data.reason }
        : state;
    default:
      return assertNever(event, 'claim event');
  }
}

export function evolve(state: SubmissionState, event: SubmissionEvent): SubmissionState {
  switch (event.type) {
    case 'BillSubmitted':
    case 'BillSettled':
    case 'BillRejected':
      return { ...state, claim: evolveClaim(state.claim, event) };
    case 'AccumulatorsCharged':
      return {
        ...state,
        memberYear: {
          year: event.data.year,
          accumulators: event.data.accumulators,
          claims: [...state.memberYear.claims, event.data.claimId],
        },
      };
    default:
      return assertNever(event, 'claims event');
  }
}
