import { assertNever, conflict, type Refusal } from '@aid/event-store/decider';
import { formatYuan, yuanToFen } from '@aid/money';
import type { Policy } from '@aid/settlement';
import type { BillSubmission, FacilityOnBill, RejectionCode, SubmissionEvent } from './claim-events';
import type { Patient, SubmitBill } from './commands';
import { settleOn } from './settle-on';
import type { SubmissionState } from './state';

export const claimIdInUse = (claimId: string, status: string): Refusal =>
  conflict('CLAIM_ID_IN_USE', `claim ${claimId} was already ${status} with different contents`);

function sameSubmission(a: BillSubmission, b: BillSubmission): boolean {
  return (
    (Object.keys(a) as (keyof BillSubmission)[]).every((k) => a[k] === b[k]) &&
    Object.keys(a).length === Object.keys(b).length
  );
}

/**
 * Calendar dates on bills are dates in China (UTC+8, no daylight saving): "today" at the
 * submission is the date there, not in UTC, or a bill of this morning would be in the future.
 */
export function chinaDateOf(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function designatedOn(facility: FacilityOnBill, date: string): boolean {
  return facility.designatedFrom <= date && (facility.designatedUntil === null || date <= facility.designatedUntil);
}

type Rejection = { code: RejectionCode; reason: string };

/** The rules a bill must pass before any fund pays, in the order a clerk would check them. */
export function rejection(
  submission: BillSubmission,
  patient: Patient | null,
  policy: Policy | null,
  submittedAt?: string,
): Rejection | null {
  const { memberId, admissionDate, dischargeDate } = submission;
  if (!patient) return { code: 'UNKNOWN_MEMBER', reason: `member ${memberId} is not registered` };
  if (admissionDate < patient.enrolledOn) {
    return {
      code: 'ADMITTED_BEFORE_ENROLMENT',
      reason: `admission on ${admissionDate} is before member ${memberId} was enrolled on ${patient.enrolledOn}`,
    };
  }
  if (submittedAt !== undefined && dischargeDate > chinaDateOf(submittedAt)) {
    return {
      code: 'DISCHARGE_IN_FUTURE',
      reason: `discharge on ${dischargeDate} is after the day the bill was submitted (${chinaDateOf(submittedAt)})`,
    };
  }
  if (!policy) {
    return {
      code: 'NO_POLICY',
      reason: `no settlement policy for region ${patient.region} in ${dischargeDate.slice(0, 4)}`,
    };
  }
  if (submission.visitType === 'CHRONIC_OUTPATIENT' && !patient.chronicDisease) {
    return {
      code: 'CHRONIC_DISEASE_NOT_CERTIFIED',
      reason: `member ${memberId} has no chronic disease certified on ${dischargeDate}`,
    };
  }
  return null;
}

function facilityRejection(submission: BillSubmission, facility: FacilityOnBill | null): Rejection | null {
  if (!facility) {
    return {
      code: 'FACILITY_NOT_DESIGNATED',
      reason: `hospital ${submission.hospitalId} is not a designated facility`,
    };
  }
  if (!designatedOn(facility, submission.dischargeDate)) {
    const until = facility.designatedUntil ? ` until ${facility.designatedUntil}` : '';
    return {
      code: 'FACILITY_NOT_DESIGNATED',
      reason: `hospital ${submission.hospitalId} was not designated on ${submission.dischargeDate} (designated from ${facility.designatedFrom}${until})`,
    };
  }
  return null;
}

function rejectionOf({ submission, patient, facility, policy, submittedAt }: SubmitBill['data']): Rejection | null {
  if (!patient) return rejection(submission, patient, policy, submittedAt);
  return facilityRejection(submission, facility) ?? rejection(submission, patient, policy, submittedAt);
}

/**
 * One bill submitted. The claim stream records the submission and its outcome (a refusal by
 * the rules is recorded too, so nothing submitted is lost); a bill above the policy's
 * review threshold is held, with nothing charged, until a reviewer decides. The same bill
 * again produces nothing: the recorded outcome stands.
 */
export function submitBill(command: SubmitBill, state: SubmissionState): SubmissionEvent[] {
  const { submission, submittedAt } = command.data;
  const claim = state.claim;
  switch (claim.status) {
    case 'settled':
    case 'held':
      if (sameSubmission(claim.submission, submission)) return [];
      throw claimIdInUse(submission.claimId, claim.status);
    case 'rejected':
      // A refused bill may come again once its cause is fixed (the member registered...).
      if (sameSubmission(claim.submission, submission) && rejectionOf(command.data)?.code === claim.code) return [];
      break;
    case 'new':
    case 'submitted':
      break;
    default:
      assertNever(claim, 'claim state');
  }

  const submitted: SubmissionEvent = { type: 'BillSubmitted', data: { ...submission, submittedAt } };
  const refused = rejectionOf(command.data);
  if (refused) return [submitted, { type: 'BillRejected', data: { claimId: submission.claimId, ...refused } }];

  const facility = command.data.facility!;
  const policy = command.data.policy!;
  const threshold = policy.review?.billTotalAbove;
  if (threshold !== undefined && yuanToFen(submission.totalCost, 'totalCost') > threshold) {
    const reason = `total cost ${submission.totalCost} is above the review threshold ${formatYuan(threshold)} of ${policy.region} ${policy.year}`;
    return [submitted, { type: 'BillHeldForReview', data: { claimId: submission.claimId, reason, facility } }];
  }
  return [submitted, ...settleOn(submission, command.data.patient!, facility, policy, state.memberYear)];
}
