import { checkPublicEvent, contractTypes, parseContractEvent, TOPIC_NAMES, type EventEnvelope } from '@aid/contracts';
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
};

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
        facilityLevel: 'SECONDARY',
        inCounty: true,
        totalCost: '12000.00',
        eligibleCost: '10000.00',
        ...submission,
      },
      patient,
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
    ...submit({ claimId: 'X1', inCounty: true }),
    ...submit({ claimId: 'X2', inCounty: false, hospitalId: 'city-hospital' }),
    ...submit({ claimId: 'X3' }, { patient: null }),
  ];
}

function onTheTopic(published: { type: string; schemaVersion: number; data: unknown }): EventEnvelope {
  return {
    eventId: '00000000-0000-4000-8000-000000000002',
    streamId: 'claim-X1',
    streamVersion: 2,
    globalPosition: '2',
    partitionKey: 'H1',
    correlationId: 'c-1',
    causationId: null,
    occurredAt: '2019-02-10T09:00:00.000Z',
    ...published,
  };
}

/** The same event with a field the contract does not name, as a new internal field would be. */
function withMore<E extends { data: object }>(event: E, extra: Record<string, unknown>): E {
  return { ...event, data: { ...event.data, ...extra } };
}

describe('claims publishes the aid.claims.v1 contract', () => {
  const stored = everyClaimsEvent();
  const published = stored.map((e) => [e.type, claimsPublicEvent(e)] as const);

  it('publishes every type the registry lists for its topic, and no other', () => {
    const types = published.flatMap(([, p]) => (p ? [p.type] : []));
    expect([...new Set(types)].sort()).toEqual([...contractTypes(topic)].sort());
  });

  it.each(published.filter(([, p]) => p !== null))('%s passes the registry check at its newest version', (_type, p) => {
    expect(checkPublicEvent(topic, p!)).toEqual([]);
    expect(parseContractEvent(topic, onTheTopic(p!))).toMatchObject({ ok: true, event: { data: p!.data } });
  });

  it('publishes settlements to both payees', () => {
    const payees = published.flatMap(([, p]) => (p?.type === 'BillSettled' ? [p.data.payee] : []));
    expect(payees).toEqual(['HOSPITAL', 'HOUSEHOLD_BANK_CARD']);
  });

  it('keeps submissions, refusals and accumulators home', () => {
    const home = published.filter(([, p]) => p === null).map(([type]) => type);
    expect([...new Set(home)].sort()).toEqual(['AccumulatorsCharged', 'BillRejected', 'BillSubmitted']);
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
