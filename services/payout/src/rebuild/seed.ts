import type { BillSettledV1 } from '@aid/contracts';
import { derivedEventId, type EventStore } from '@aid/event-store';
import { FUND_OF_LAYER, LAYERS } from '@aid/contracts';
import { formatYuan } from '../domain/money';
import { decide, initialState, payablesStreamId } from '../record-payables/domain/payables';

export interface SeedOptions {
  /** Settled bills to record; each makes 1 + (1 to 5) events. */
  claims: number;
  households?: number;
  hospitals?: number;
  /** Appends in flight at once (default 16). */
  concurrency?: number;
  /** Distinguishes the ids of several seeds into one store (default 'seed'). */
  prefix?: string;
  year?: number;
}

/**
 * Fills payout's store with the payables of synthetic settled bills, through the decider
 * and one append per claim, as the consumer would: for rebuild tests and benchmarks.
 * Deterministic: the same options give the same events. Returns how many events it stored.
 */
export async function seedPayables(store: Pick<EventStore, 'appendToStream'>, options: SeedOptions): Promise<number> {
  const households = options.households ?? Math.max(1, Math.floor(options.claims / 3));
  const hospitals = options.hospitals ?? 20;
  const prefix = options.prefix ?? 'seed';
  const year = options.year ?? 2019;
  let next = 0;
  let stored = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= options.claims) return;
      const bill = syntheticBill(i, { households, hospitals, prefix, year });
      const settlementEventId = derivedEventId(prefix, 'BillSettled', String(i));
      const events = decide({ type: 'RecordPayables', data: { settlementEventId, settlement: bill } }, initialState());
      await store.appendToStream(
        payablesStreamId(bill.claimId),
        events.map((e, n) => ({
          eventId: derivedEventId(settlementEventId, 'payout.payables', String(n)),
          type: e.type,
          data: e.data,
          metadata: {
            correlationId: `corr-${bill.claimId}`,
            causationId: settlementEventId,
            partitionKey: bill.householdId,
            occurredAt: `${bill.dischargeDate}T10:00:00.000Z`,
          },
        })),
        { expectedVersion: 'no_stream' },
      );
      stored += events.length;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  return stored;
}

function syntheticBill(i: number, o: { households: number; hospitals: number; prefix: string; year: number }): BillSettledV1 {
  // A cheap deterministic mix: which layers pay, how much, in or out of county.
  const h = (i * 2654435761) >>> 0;
  const inCounty = h % 5 !== 0;
  const month = 1 + (h % 12);
  const day = 1 + ((h >>> 4) % 28);
  const paying = 1 + ((h >>> 8) % 5);
  const layers = LAYERS.map((layer, n) => ({
    layer,
    fund: FUND_OF_LAYER[layer],
    amount: n < paying ? formatYuan(BigInt(100 + ((h >>> (n * 3)) % 900_000))) : '0.00',
  }));
  const date = `${o.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return {
    claimId: `${o.prefix}-claim-${i}`,
    memberId: `${o.prefix}-member-${i % (o.households * 3)}`,
    householdId: `${o.prefix}-household-${i % o.households}`,
    hospitalId: `${o.prefix}-hospital-${h % o.hospitals}`,
    region: 'xingan-league',
    year: o.year,
    admissionDate: date,
    dischargeDate: date,
    visitType: 'INPATIENT',
    facilityLevel: 'SECONDARY',
    inCounty,
    totalCost: '0.00',
    eligibleCost: '0.00',
    categories: ['POOR'],
    insured: true,
    majorDisease: false,
    layers,
    outOfPocket: '0.00',
    payee: inCounty ? 'HOSPITAL' : 'HOUSEHOLD_BANK_CARD',
  };
}
