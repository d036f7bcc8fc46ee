import { publicEvent, TOPIC_NAMES, type PublicEvent } from '@aid/contracts';
import { assertNever } from '@aid/event-store/decider';
import { publicMapping } from '@aid/relay';
import type { FacilityEvent } from '../facilities/domain/facility-events';
import type { ClaimEvent, MemberYearEvent } from '../settle-bill/domain/claim-events';

const topic = TOPIC_NAMES.claims;

/** Everything claims' store holds: claim, member-year and facility streams. */
export type ClaimsStoredEvent = ClaimEvent | MemberYearEvent | FacilityEvent;

/**
 * What of claims' store reaches `aid.claims.v1`: the settlements, each public field copied by
 * name, so a field added to the internal event stays home until the contract has it.
 * Submissions, refusals, reviews, accumulators and the facilities registry are claims' own
 * business.
 */
export function claimsPublicEvent(event: ClaimsStoredEvent): PublicEvent<typeof topic> | null {
  switch (event.type) {
    case 'BillSettled': {
      const d = event.data;
      return publicEvent(topic, 'BillSettled', {
        claimId: d.claimId,
        memberId: d.memberId,
        householdId: d.householdId,
        hospitalId: d.hospitalId,
        region: d.region,
        year: d.year,
        admissionDate: d.admissionDate,
        dischargeDate: d.dischargeDate,
        visitType: d.visitType,
        facilityLevel: d.facilityLevel,
        inCounty: d.inCounty,
        totalCost: d.totalCost,
        eligibleCost: d.eligibleCost,
        categories: [...d.categories],
        insured: d.insured,
        majorDisease: d.majorDisease,
        layers: d.layers.map(({ layer, fund, amount }) => ({ layer, fund, amount })),
        outOfPocket: d.outOfPocket,
        payee: d.payee,
      });
    }
    case 'BillSubmitted':
    case 'BillRejected':
    case 'BillHeldForReview':
    case 'BillReviewed':
    case 'AccumulatorsCharged':
    case 'FacilityDesignated':
    case 'FacilityDetailsChanged':
    case 'FacilityDesignationEnded':
      return null;
    default:
      return assertNever(event, 'claims event');
  }
}

export const claimsToPublic = publicMapping<ClaimsStoredEvent>(claimsPublicEvent);
