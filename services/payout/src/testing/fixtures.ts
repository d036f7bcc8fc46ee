import type { BillSettledV1, EventEnvelope } from '@aid/contracts';

/**
 * Test fixtures in the exact shape of the `aid.claims.v1` contract (the claims service emits
 * them). Builders compose: `anOutOfCountyBill()` is `aSettledBill()` with the household paid.
 */
export function aSettledBill(overrides: Partial<BillSettledV1> = {}): BillSettledV1 {
  return {
    claimId: 'claim-1',
    memberId: 'member-1',
    householdId: 'household-1',
    hospitalId: 'hospital-county-1',
    region: 'xingan-league',
    year: 2019,
    admissionDate: '2019-03-02',
    dischargeDate: '2019-03-11',
    visitType: 'INPATIENT',
    facilityLevel: 'SECONDARY',
    inCounty: true,
    totalCost: '12000.00',
    eligibleCost: '11000.00',
    categories: ['POOR'],
    insured: true,
    majorDisease: false,
    layers: [
      { layer: 'basicMedical', fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: '6800.00' },
      { layer: 'criticalIllness', fund: 'CRITICAL_ILLNESS_INSURANCE', amount: '0.00' },
      { layer: 'supplementary', fund: 'COMMERCIAL_SUPPLEMENTARY_INSURANCE', amount: '1500.50' },
      { layer: 'medicalAssistance', fund: 'MEDICAL_ASSISTANCE_FUND', amount: '1200.25' },
      { layer: 'backstop', fund: 'GOVERNMENT_BACKSTOP_FUND', amount: '1299.25' },
    ],
    outOfPocket: '1200.00',
    payee: 'HOSPITAL',
    ...overrides,
  };
}

export function anOutOfCountyBill(overrides: Partial<BillSettledV1> = {}): BillSettledV1 {
  return aSettledBill({ inCounty: false, hospitalId: 'hospital-city-9', payee: 'HOUSEHOLD_BANK_CARD', ...overrides });
}

/** Layer amounts in settlement order: basic, critical illness, supplementary, assistance, backstop. */
export function withLayerAmounts(
  bill: BillSettledV1,
  amounts: [string, string, string, string, string],
): BillSettledV1 {
  return { ...bill, layers: bill.layers.map((l, i) => ({ ...l, amount: amounts[i] })) };
}

let sequence = 0;

/** A BillSettled envelope as it arrives on `aid.claims.v1`. */
export function aBillSettledEnvelope(
  bill: BillSettledV1,
  overrides: Partial<Omit<EventEnvelope, 'data'>> = {},
): EventEnvelope<BillSettledV1> {
  sequence++;
  const n = String(sequence).padStart(12, '0');
  return {
    eventId: `7c0c4f5e-0000-4000-8000-${n}`,
    type: 'BillSettled',
    schemaVersion: 1,
    streamId: `bill-${bill.claimId}`,
    streamVersion: 2,
    globalPosition: String(sequence),
    partitionKey: bill.householdId,
    correlationId: `corr-${bill.claimId}`,
    causationId: null,
    occurredAt: '2019-03-11T09:30:00.000Z',
    ...overrides,
    data: bill,
  };
}
