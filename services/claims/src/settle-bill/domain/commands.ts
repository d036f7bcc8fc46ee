import type { Category, Policy } from '@aid/settlement';
import type { BillSubmission } from './claim-events';

/** The patient as of the date of service, from claims' member view; null when unknown. */
export interface Patient {
  householdId: string;
  region: string;
  categories: Category[];
  insured: boolean;
  majorDisease: boolean;
  chronicDisease: boolean;
}

/**
 * A designated hospital submits a discharge bill. What the decider needs from outside its
 * two streams (the patient, the policy, the time) is looked up before and comes in here.
 */
export type SubmitBill = {
  type: 'SubmitBill';
  data: {
    submission: BillSubmission;
    patient: Patient | null;
    /** The region's policy for the service year, or null when none is configured. */
    policy: Policy | null;
    submittedAt: string;
  };
};

export type ClaimCommand = SubmitBill;
