import { FUND_OF_LAYER, LAYERS, type BillSettledV1 } from '@aid/contracts';
import { assertNever, conflict, type Refusal } from '@aid/event-store/decider';
import { formatYuan, yuanToFen } from '@aid/money';
import { emptyAccumulators, settle, type Bill } from '@aid/settlement';
import type { BillSubmission, RejectionCode, SubmissionEvent } from './claim-events';
import type { SubmitBill } from './commands';
import type { SubmissionState } from './state';

export const claimIdInUse = (claimId: string): Refusal =>
  conflict('CLAIM_ID_IN_USE', `claim ${claimId} was already settled with different contents`);

function sameSubmission(a: BillSubmission, b: BillSubmission): boolean {
  return (
    (Object.keys(a) as (keyof BillSubmission)[]).every((k) => a[k] === b[k]) &&
    Object.keys(a).length === Object.keys(b).length
  );
}

function rejection({
  submission,
  patient,
  policy,
}: SubmitBill['data']): { code: RejectionCode; reason: string } | null {
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
 * the submission and its outcome (a refusal by the rules is recorded too, so nothing
 * submitted is lost); the member-year stream records the new accumulators. The same bill
 * again produces nothing: the recorded outcome stands.
 */
export function submitBill(command: SubmitBill, state: SubmissionState): SubmissionEvent[] {
  const { submission, submittedAt } = command.data;
  const claim = state.claim;
  switch (claim.status) {
    case 'settled':
      if (sameSubmission(claim.submission, submission)) return [];
      throw claimIdInUse(submission.claimId);
    case 'rejected':
      // A refused bill may come again once its cause is fixed (the member registered...).
      if (sameSubmission(claim.submission, submission) && rejection(command.data)?.code === claim.code) return [];
      break;
    case 'new':
    case 'submitted':
      break;
    default:
      assertNever(claim, 'claim state');
  }

  const submitted: SubmissionEvent = { type: 'BillSubmitted', data: { ...submission, submittedAt } };
  const refused = rejection(command.data);
  if (refused) return [submitted, { type: 'BillRejected', data: { claimId: submission.claimId, ...refused } }];

  const patient = command.data.patient!;
  const policy = command.data.policy!;
  const year = Number(submission.dischargeDate.slice(0, 4));
  const bill: Bill = {
    claimId: submission.claimId,
    memberId: submission.memberId,
    serviceDate: submission.dischargeDate,
    visitType: submission.visitType,
    facilityLevel: submission.facilityLevel,
    inCounty: submission.inCounty,
    // The HTTP edge checked these; a bad amount here is a bug, named by its field.
    totalCost: yuanToFen(submission.totalCost, 'totalCost'),
    eligibleCost: yuanToFen(submission.eligibleCost, 'eligibleCost'),
    categories: patient.categories,
    insured: patient.insured,
    majorDisease: patient.majorDisease,
  };
  const accumulators = state.memberYear.year === year ? state.memberYear.accumulators : emptyAccumulators();
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
  return [
    submitted,
    { type: 'BillSettled', data: settled },
    {
      type: 'AccumulatorsCharged',
      data: { memberId: submission.memberId, year, claimId: submission.claimId, accumulators: result.accumulators },
    },
  ];
}
