import { assertNever, conflict, notFound } from '@aid/event-store/decider';
import type { SubmissionEvent } from './claim-events';
import type { ReviewBill } from './commands';
import { settleOn } from './settle-on';
import type { SubmissionState } from './state';
import { rejection } from './submit-bill';

/**
 * A reviewer's decision on a held bill. Approved, it is settled as if submitted now, on the
 * accumulators the member's other bills have left since, unless a rule refuses it by then
 * (the patient's record or the policy gone); rejected, it is recorded as refused. The same
 * decision again produces nothing.
 */
export function reviewBill(command: ReviewBill, state: SubmissionState): SubmissionEvent[] {
  const { claimId, decision, reason, reviewer, reviewedAt, patient, policy } = command.data;
  const claim = state.claim;
  switch (claim.status) {
    case 'new':
    case 'submitted':
      throw notFound('CLAIM_NOT_HELD', `no bill is held for review under claim ${claimId}`);
    case 'settled':
      if (decision === 'APPROVE') return [];
      throw conflict('CLAIM_ALREADY_DECIDED', `claim ${claimId} was already settled`);
    case 'rejected':
      if (decision === 'REJECT' && claim.code === 'REJECTED_ON_REVIEW') return [];
      throw conflict('CLAIM_ALREADY_DECIDED', `claim ${claimId} was already rejected (${claim.code})`);
    case 'held':
      break;
    default:
      assertNever(claim, 'claim state');
  }
  const reviewed: SubmissionEvent = { type: 'BillReviewed', data: { claimId, decision, reason, reviewer, reviewedAt } };
  if (decision === 'REJECT') {
    return [
      reviewed,
      {
        type: 'BillRejected',
        data: { claimId, code: 'REJECTED_ON_REVIEW', reason: `rejected on review by ${reviewer}: ${reason}` },
      },
    ];
  }
  const refused = rejection(claim.submission, patient, policy);
  if (refused) return [reviewed, { type: 'BillRejected', data: { claimId, ...refused } }];
  return [reviewed, ...settleOn(claim.submission, patient!, claim.facility, policy!, state.memberYear)];
}
