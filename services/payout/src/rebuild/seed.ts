import { FUND_OF_LAYER, LAYERS, type BillSettledV1 } from '@aid/contracts';
import { assertSchemaName, derivedEventId, type EventStore, type NewEvent } from '@aid/event-store';
import type { Pool } from 'pg';
import { formatYuan } from '@aid/money';
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
  let next = 0;
  let stored = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= options.claims) return;
      const { streamId, events } = claimEvents(i, options);
      await store.appendToStream(streamId, events, { expectedVersion: 'no_stream' });
      stored += events.length;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  return stored;
}

/**
 * The same events as `seedPayables`, written with one statement per 5,000 claims straight
 * into the store's tables (new streams only), for benchmarks that need a million events in
 * seconds rather than minutes. Returns how many events it stored.
 */
export async function seedPayablesBulk(pool: Pool, schema: string, options: SeedOptions): Promise<number> {
  assertSchemaName(schema);
  const CLAIMS_PER_STATEMENT = 5_000;
  let stored = 0;
  for (let first = 0; first < options.claims; first += CLAIMS_PER_STATEMENT) {
    const streams: [string, number][] = [];
    const events: [string, number, string, string, unknown, unknown][] = [];
    for (let i = first; i < Math.min(options.claims, first + CLAIMS_PER_STATEMENT); i++) {
      const claim = claimEvents(i, options);
      streams.push([claim.streamId, claim.events.length]);
      claim.events.forEach((e, n) => events.push([claim.streamId, n + 1, e.eventId, e.type, e.data, e.metadata]));
    }
    // One JSON document per statement: V8 writes it and PostgreSQL reads it faster than arrays.
    await pool.query(
      `with streams as (
         insert into ${schema}.streams (stream_id, version)
         select s->>0, (s->>1)::bigint from jsonb_array_elements($1::jsonb) s)
       insert into ${schema}.events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
       select e->>0, (e->>1)::bigint, (e->>2)::uuid, e->>3, 1, e->4, e->5
         from jsonb_array_elements($2::jsonb) with ordinality as x(e, n) order by n`,
      [JSON.stringify(streams), JSON.stringify(events)],
    );
    stored += events.length;
  }
  return stored;
}

/** The payables the decider records for synthetic claim `i`, with the consumer's ids and metadata. */
function claimEvents(i: number, options: SeedOptions): { streamId: string; events: NewEvent[] } {
  const households = options.households ?? Math.max(1, Math.floor(options.claims / 3));
  const hospitals = options.hospitals ?? 20;
  const prefix = options.prefix ?? 'seed';
  const year = options.year ?? 2019;
  const bill = syntheticBill(i, { households, hospitals, prefix, year });
  const settlementEventId = derivedEventId(prefix, 'BillSettled', String(i));
  const decided = decide({ type: 'RecordPayables', data: { settlementEventId, settlement: bill } }, initialState());
  return {
    streamId: payablesStreamId(bill.claimId),
    events: decided.map((e, n) => ({
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
  };
}

function syntheticBill(
  i: number,
  o: { households: number; hospitals: number; prefix: string; year: number },
): BillSettledV1 {
  // A cheap deterministic mix: which layers pay, how much, in or out of county.
  const h = (i * 2654435761) >>> 0;
  const inCounty = h % 5 !== 0;
  const month = 1 + (h % 12);
  const day = 1 + ((h >>> 4) % 28);
  const paying = 1 + ((h >>> 8) % 5);
  const layers = LAYERS.map((layer, n) => ({
    layer,
    fund: FUND_OF_LAYER[layer],
    amount: n < paying ? formatYuan(100 + ((h >>> (n * 3)) % 900_000)) : '0.00',
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
