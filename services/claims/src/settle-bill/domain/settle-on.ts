import { FUND_OF_LAYER, LAYERS, type BillSettledV1 } from '@aid/contracts';
import { formatYuan, yuanToFen } from '@aid/money';
import { emptyAccumulators, settle, type Bill, type Policy } from '@aid/settlement';
import type { BillSubmission, FacilityOnBill, SubmissionEvent } from './claim-events';
import type { Patient } from './commands';
import type { MemberYearState } from './state';

/**
 * A bill through the five layers in one step (一站式、一单式), on the member's accumulators as
 * they stand: the settlement for the claim stream, the new accumulators for the member-year
 * stream. The facility's level and in-county flag are the registry's.
 */
export function settleOn(
  submission: BillSubmission,
  patient: Patient,
  facility: FacilityOnBill,
  policy: Policy,
  memberYear: MemberYearState,
): SubmissionEvent[] {
  const year = Number(submission.dischargeDate.slice(0, 4));
  const bill: Bill = {
    claimId: submission.claimId,
    memberId: submission.memberId,
    serviceDate: submission.dischargeDate,
    visitType: submission.visitType,
    facilityLevel: facility.level,
    inCounty: facility.inCounty,
    // The HTTP edge checked these; a bad amount here is a bug, named by its field.
    totalCost: yuanToFen(submission.totalCost, 'totalCost'),
    eligibleCost: yuanToFen(submission.eligibleCost, 'eligibleCost'),
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
    facilityLevel: facility.level,
    inCounty: facility.inCounty,
    totalCost: formatYuan(bill.totalCost),
    eligibleCost: formatYuan(bill.eligibleCost),
    categories: [...patient.categories],
    insured: patient.insured,
    majorDisease: patient.majorDisease,
    layers: LAYERS.map((layer) => ({ layer, fund: FUND_OF_LAYER[layer], amount: formatYuan(result[layer]) })),
    outOfPocket: formatYuan(result.outOfPocket),
    payee: facility.inCounty ? 'HOSPITAL' : 'HOUSEHOLD_BANK_CARD',
  };
  return [
    { type: 'BillSettled', data: settled },
    {
      type: 'AccumulatorsCharged',
      data: { memberId: submission.memberId, year, claimId: submission.claimId, accumulators: result.accumulators },
    },
  ];
}
