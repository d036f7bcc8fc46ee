import type { Layer } from '@aid/contracts';
import { formatYuan, sumFen, yuanToFen } from '@aid/money';
import type { ClaimOutcome } from '../settle-bill/submit-bill.handler';

const LAYER_NAMES: Record<Layer, { zh: string; en: string }> = {
  basicMedical: { zh: '基本医保', en: 'Basic medical insurance' },
  criticalIllness: { zh: '大病保险', en: 'Critical illness insurance' },
  supplementary: { zh: '商业补充保险', en: 'Commercial supplementary insurance' },
  medicalAssistance: { zh: '医疗救助', en: 'Medical assistance' },
  backstop: { zh: '兜底保障', en: 'Government backstop' },
};

/** The settlement statement (一单式结算单) of a claim, or its rejection, as the API shows it. */
export function statementOf(outcome: ClaimOutcome) {
  if (outcome.status === 'rejected') {
    return {
      claimId: outcome.submission.claimId,
      status: 'REJECTED' as const,
      code: outcome.code,
      reason: outcome.reason,
      submission: outcome.submission,
    };
  }
  if (outcome.status === 'held') {
    return {
      claimId: outcome.submission.claimId,
      status: 'HELD_FOR_REVIEW' as const,
      reason: outcome.reason,
      facilityLevel: outcome.facility.level,
      inCounty: outcome.facility.inCounty,
      submission: outcome.submission,
    };
  }
  const s = outcome.settlement;
  const reimbursed = sumFen(s.layers.map((l) => yuanToFen(l.amount, `layers.${l.layer}`)));
  return {
    claimId: s.claimId,
    status: 'SETTLED' as const,
    memberId: s.memberId,
    householdId: s.householdId,
    hospitalId: s.hospitalId,
    region: s.region,
    year: s.year,
    admissionDate: s.admissionDate,
    dischargeDate: s.dischargeDate,
    visitType: s.visitType,
    facilityLevel: s.facilityLevel,
    inCounty: s.inCounty,
    categories: s.categories,
    insured: s.insured,
    majorDisease: s.majorDisease,
    totalCost: s.totalCost,
    eligibleCost: s.eligibleCost,
    ineligibleCost: formatYuan(yuanToFen(s.totalCost, 'totalCost') - yuanToFen(s.eligibleCost, 'eligibleCost')),
    layers: s.layers.map((l) => ({ ...l, name: LAYER_NAMES[l.layer].zh, nameEn: LAYER_NAMES[l.layer].en })),
    totalReimbursed: formatYuan(reimbursed),
    outOfPocket: s.outOfPocket,
    payee: s.payee,
  };
}
