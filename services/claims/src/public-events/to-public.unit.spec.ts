import { checkPublicEvent, contractTypes, parseContractEvent, TOPIC_NAMES } from '@aid/contracts';
import { onTheTopic, withMore } from '@aid/testing/contracts';
import { parsePolicy, type Policy } from '@aid/settlement';
import type { BillSubmission } from '../settle-bill/domain/claim-events';
import { claimDecider, type Patient, type SubmitBill } from '../settle-bill/domain/claim.decider';
import { claimsPublicEvent, type ClaimsStoredEvent } from './to-public';

const topic = TOPIC_NAMES.claims;

/** Basic insurance alone: enough for a settlement with every layer present. */
const policy: Policy = (() => {
  const parsed = parsePolicy({
    region: 'xingan-league',
    year: 2019,
    layers: {
      basicMedical: {
        deductible: { PRIMARY: '200', SECONDARY: '500', TERTIARY: '1000' },
        rate: { PRIMARY: '0.90', SECONDARY: '0.80', TERTIARY: '0.65' },
        outOfCountyRateReduction: '0.10',
        annualCap: '150000',
      },
    },
  });
  if (!parsed.ok) throw new Error(`test policy: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.policy;
})();

const patient: Patient = {
  householdId: 'H1',
  region: 'xingan-league',
  categories: ['POOR'],
  insured: true,
  majorDisease: false,
  chronicDisease: false,
  enrolledOn: '2016-05-01',
};

const facility = (inCounty: boolean, facilityId: string) =>
  ({ facilityId, level: 'SECONDARY', inCounty, designatedFrom: '2015-01-01', designatedUntil: null }) as const;

function submit(submission: Partial<BillSubmission>, command: Partial<SubmitBill['data']> = {}): ClaimsStoredEvent[] {
  const bill: SubmitBill = {
    type: 'SubmitBill',
    data: {
      submission: {
        claimId: 'X1',
        memberId: 'M1',
        hospitalId: 'county-hospital',
        admissionDate: '2019-02-01',
        dischargeDate: '2019-02-10',
        visitType: 'INPATIENT',
        totalCost: '12000.00',
        eligibleCost: '10000.00',
        ...submission,
      },
      patient,
      facility: facility(true, 'county-hospital'),
      policy,
      submittedAt: '2019-02-10T09:00:00.000Z',
      ...command,
    },
  };
  return claimDecider.decide(bill, claimDecider.initialState());
}

/** Every kind of event claims stores: settlements paid to either payee, and a refusal. */
function everyClaimsEvent(): ClaimsStoredEvent[] {
  return [
    ...submit({ claimId: 'X1' }),
    ...submit({ claimId: 'X2', hospitalId: 'city-hospital' }, { facility: facility(false, 'city-hospital') }),
    ...submit({ claimId: 'X3' }, { patient: null }),
    ...submit({ claimId: 'X4' }, { policy: { ...policy, review: { billTotalAbove: 100 } } }),
  ];
}

const ENVELOPE = {
  eventId: '00000000-0000-4000-8000-000000000002',
  streamId: 'claim-X1',
  streamVersion: 2,
  globalPosition: '2',
  partitionKey: 'H1',
  correlationId: 'c-1',
  causationId: null,
  occurredAt: '2019-02-10T09:00:00.000Z',
} as const;

describe('claims publishes the aid.claims.v1 contract', () => {
  const stored = everyClaimsEvent();
  const published = stored.map((e) => [e.type, claimsPublicEvent(e)] as const);

  it('publishes every type the registry lists for its topic, and no other', () => {
    const types = published.flatMap(([, p]) => (p ? [p.type] : []));
    expect([...new Set(types)].sort()).toEqual([...contractTypes(topic)].sort());
  });

  it.each(published.filter(([, p]) => p !== null))('%s passes the registry check at its newest version', (_type, p) => {
    expect(checkPublicEvent(topic, p!)).toEqual([]);
    expect(parseContractEvent(topic, onTheTopic(p!, ENVELOPE))).toMatchObject({ ok: true, event: { data: p!.data } });
  });

  it('publishes settlements to both payees', () => {
    const payees = published.flatMap(([, p]) => (p?.type === 'BillSettled' ? [p.data.payee] : []));
    expect(payees).toEqual(['HOSPITAL', 'HOUSEHOLD_BANK_CARD']);
  });

  it('keeps submissions, refusals, holds and accumulators home', () => {
    const home = published.filter(([, p]) => p === null).map(([type]) => type);
    expect([...new Set(home)].sort()).toEqual([
      'AccumulatorsCharged',
      'BillHeldForReview',
      'BillRejected',
      'BillSubmitted',
    ]);
  });

  it('keeps the facilities registry home', () => {
    const at = '2019-01-01T00:00:00.000Z';
    const details = {
      name: 'n',
      level: 'PRIMARY',
      county: 'c',
      region: 'r',
      inCounty: true,
      designatedFrom: '2015-01-01',
      designatedUntil: null,
      accounts: {},
    } as const;
    const registry: ClaimsStoredEvent[] = [
      { type: 'FacilityDesignated', data: { facilityId: 'F', ...details, at } },
      { type: 'FacilityDetailsChanged', data: { facilityId: 'F', ...details, at } },
      { type: 'FacilityDesignationEnded', data: { facilityId: 'F', until: '2019-12-31', reason: 'r', at } },
    ];
    expect(registry.map(claimsPublicEvent)).toEqual([null, null, null]);
  });

  it('lets no new internal field out: each public field is copied by name', () => {
    for (const event of stored) {
      const more = withMore(event, { internalNote: 'stays home' });
      if (more.type === 'BillSettled')
        more.data.layers = more.data.layers.map((l) => ({ ...l, ...{ rule: 'tier-2' } }));
      expect(claimsPublicEvent(more)).toEqual(claimsPublicEvent(event));
    }
  });
});
