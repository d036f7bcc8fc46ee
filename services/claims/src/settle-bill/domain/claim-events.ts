import type { BillSettledV1 } from '@aid/contracts';
import type { Accumulators } from '@aid/settlement';

/**
 * A discharge bill as a designated hospital submits it; amounts in yuan strings. The
 * facility's level and in-county flag are not the hospital's to say: they come from the
 * registry (facilities/).
 */
export interface BillSubmission {
  claimId: string;
  memberId: string;
  hospitalId: string;
  admissionDate: string;
  /** The date of service of POLICY.md: its year picks the policy and the accumulators. */
  dischargeDate: string;
  visitType: 'INPATIENT' | 'CHRONIC_OUTPATIENT';
  totalCost: string;
  eligibleCost: string;
}

export type RejectionCode =
  | 'UNKNOWN_MEMBER'
  | 'FACILITY_NOT_DESIGNATED'
  | 'ADMITTED_BEFORE_ENROLMENT'
  | 'DISCHARGE_IN_FUTURE'
  | 'NO_POLICY'
  | 'CHRONIC_DISEASE_NOT_CERTIFIED'
  | 'REJECTED_ON_REVIEW';

/** The registry's facility as a bill is decided on it: what it was on the discharge date. */
export interface FacilityOnBill {
  facilityId: string;
  level: 'PRIMARY' | 'SECONDARY' | 'TERTIARY';
  inCounty: boolean;
  designatedFrom: string;
  designatedUntil: string | null;
}

/** Claim stream `claim-<claimId>`: every bill submitted is kept, settled or refused. */
export type ClaimEvent =
  | { type: 'BillSubmitted'; data: BillSubmission & { submittedAt: string } }
  | { type: 'BillSettled'; data: BillSettledV1 }
  | { type: 'BillRejected'; data: { claimId: string; code: RejectionCode; reason: string } }
  /** Above the policy's review threshold: no fund pays, nothing is charged, until reviewed. */
  | { type: 'BillHeldForReview'; data: { claimId: string; reason: string; facility: FacilityOnBill } }
  | {
      type: 'BillReviewed';
      data: { claimId: string; decision: ReviewDecision; reason: string; reviewer: string; reviewedAt: string };
    };

export type ReviewDecision = 'APPROVE' | 'REJECT';

/**
 * Member-year stream `member-year-<memberId>-<year>`: the annual accumulators that caps and
 * deductibles are measured against. Appending here at the version read is what stops two
 * bills of one member from spending the same remaining cap.
 */
export type MemberYearEvent = {
  type: 'AccumulatorsCharged';
  data: { memberId: string; year: number; claimId: string; accumulators: Accumulators };
};

/** The events of the two streams a bill is decided on. */
export type SubmissionEvent = ClaimEvent | MemberYearEvent;
