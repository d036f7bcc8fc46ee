import { assertNever, type Decider } from '@aid/event-store/decider';
import type { SubmissionEvent } from './claim-events';
import type { ClaimCommand } from './commands';
import { evolve, initialState, type SubmissionState } from './state';
import { submitBill } from './submit-bill';

export type { Patient, SubmitBill, ClaimCommand } from './commands';
export type { ClaimState, MemberYearState, SubmissionState } from './state';
export { claimIdInUse } from './submit-bill';

/** The thin dispatcher: one function per command, each in its own file. */
export function decide(command: ClaimCommand, state: SubmissionState): SubmissionEvent[] {
  switch (command.type) {
    case 'SubmitBill':
      return submitBill(command, state);
    default:
      return assertNever(command.type, 'claim command');
  }
}

export const claimDecider: Decider<SubmissionState, ClaimCommand, SubmissionEvent> = { initialState, evolve, decide };

export function claimStream(claimId: string): string {
  return `claim-${claimId}`;
}

export function memberYearStream(memberId: string, year: number): string {
  return `member-year-${memberId}-${year}`;
}

/** The two streams a bill is decided on, and which one each of its events goes to. */
export function submissionStreams(command: ClaimCommand): {
  read: string[];
  streamOf: (event: SubmissionEvent) => string;
} {
  const { claimId, memberId, dischargeDate } = command.data.submission;
  const claim = claimStream(claimId);
  const memberYear = memberYearStream(memberId, Number(dischargeDate.slice(0, 4)));
  const streamOf = (event: SubmissionEvent): string => {
    switch (event.type) {
      case 'BillSubmitted':
      case 'BillSettled':
      case 'BillRejected':
        return claim;
      case 'AccumulatorsCharged':
        return memberYear;
      default:
        return assertNever(event, 'claims event');
    }
  };
  return { read: [claim, memberYear], streamOf };
}
