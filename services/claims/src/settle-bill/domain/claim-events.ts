import type { BillSettledV1 } from '@aid/contracts';
import type { Accumulators } from '@aid/settlement';

/** A discharge bill as a designated hospital submits it; amounts in yuan strings. */
export interface BillSubmission {
  claimId: string;
  memberId: string;
  hospitalId: string;
  admissionDate: string;
  /** The date of service of POLICY.md: its year picks the policy and the accumulators. */
  dischargeDate: string;
  visitType: 'INPATIENT' | 'CHRONIC_OUTPATIENT';
  facilityLevel: 'PRIMARY' | 'SECONDARY' | 'TERTIARY';
  inCounty: boolean;
  totalCost: string;
  eligibleCost: string;
}

export type RejectionCode = 'UNKNOWN_MEMBER' | 'NO_POLICY' | 'CHRONIC_DISEASE_NOT_CERTIFIED';

/** Claim stream `claim-<claimId>`: every bill submitted is kept, settled or refused. */
export type ClaimEvent =
  | { type: 'BillSubmitted'; data: BillSubmission & { submittedAt: string } }
  | { type: 'BillSettled'; data: BillSettledV1 }
  | { type: 'BillRejected'; data: { claimId: string; code: RejectionCode; reason: string } };

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
