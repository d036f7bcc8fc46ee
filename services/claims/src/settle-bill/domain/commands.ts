import type { Category, Policy } from '@aid/settlement';
import type { BillSubmission, FacilityOnBill, ReviewDecision } from './claim-events';

/** The patient as of the date of service, from claims' member view; null when unknown. */
export interface Patient {
  householdId: string;
  region: string;
  categories: Category[];
  insured: boolean;
  majorDisease: boolean;
  chronicDisease: boolean;
  /** The day the member is on record from: the later of the household's registration and the member's adding. */
  enrolledOn: string;
}

/**
 * A designated hospital submits a discharge bill. What the decider needs from outside its
 * two streams (the patient, the facility, the policy, the time) is looked up before and
 * comes in here.
 */
export type SubmitBill = {
  type: 'SubmitBill';
  data: {
    submission: BillSubmission;
    patient: Patient | null;
    /** The facility as the registry holds it, or null when it was never designated. */
    facility: FacilityOnBill | null;
    /** The region's policy for the service year, or null when none is configured. */
    policy: Policy | null;
    submittedAt: string;
  };
};

/**
 * A reviewer decides on a bill held for review. Approved, it is settled on the patient,
 * the policy and the accumulators as they are at the review, on the facility it was held on.
 */
export type ReviewBill = {
  type: 'ReviewBill';
  data: {
    claimId: string;
    decision: ReviewDecision;
    reason: string;
    reviewer: string;
    patient: Patient | null;
    policy: Policy | null;
    reviewedAt: string;
  };
};

export type ClaimCommand = SubmitBill | ReviewBill;
