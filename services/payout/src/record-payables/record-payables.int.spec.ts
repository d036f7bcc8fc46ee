import type { EventEnvelope } from '@aid/contracts';
import { payoutToPublic } from '../public-events/to-public';
import { derivedEventId } from '@aid/event-store';
import { InProcessMessageBus } from '@aid/messaging';
import { ServiceRuntime, TOPICS } from '@aid/platform';
import { createTestSchema, waitFor, type TestSchema } from '@aid/testing';
import { householdLedger } from '../household-ledger/ledger.query';
import { hospitalReceivables } from '../hospital-receivables/receivables.query';
import { payoutOf } from '../payout';
import { aBillSettledEnvelope, aSettledBill, anOutOfCountyBill, withLayerAmounts } from '../testing/fixtures';
import { payoutHarness, type PayoutHarness } from '../testing/harness';
import { claimPayables } from './claim-payables.query';
import { payablesStreamId } from './domain/payables';
import { RECORD_PAYABLES_CONSUMER, recordPayables } from './record-payables';

describe('recording payables from BillSettled (aid.claims.v1)', () => {
  let h: PayoutHarness;
  const deadLetters: string[] = [];

  beforeAll(async () => {
    h = await payoutHarness('payout_record', { deadLetters });
    await h.payout.consumer.start();
  });
  afterAll(async () => {
    await h.payout.consumer.stop();
    await h.drop();
  });

  const streamOf = (claimId: string) => h.store.readStream(payablesStreamId(claimId));

  it('records an in-county settlement as reimbursements owed to the hospital, with derived ids and carried metadata', async () => {
    const envelope = aBillSettledEnvelope(aSettledBill({ claimId: 'claim-in-1', householdId: 'household-a' }), {
      correlationId: 'corr-in-1',
    });
    await h.bus.publish(TOPICS.claims, [envelope]);
    const events = await waitFor(async () => {
      const e = await streamOf('claim-in-1');
      return e.length === 5 && e;
    });
    if (!events) throw new Error('unreachable');
    expect(events.map((e) => e.type)).toEqual([
      'PayablesRecorded',
      'HospitalReimbursementOwed',
      'HospitalReimbursementOwed',
      'HospitalReimbursementOwed',
      'HospitalReimbursementOwed',
    ]);
    for (const e of events) {
      expect(e.metadata).toEqual({
        correlationId: 'corr-in-1',
        causationId: envelope.eventId,
        partitionKey: 'household-a',
        occurredAt: envelope.occurredAt,
      });
    }
    expect(events[1].data).toEqual({
      claimId: 'claim-in-1',
      householdId: 'household-a',
      memberId: 'member-1',
      hospitalId: 'hospital-county-1',
      fund: 'BASIC_MEDICAL_INSURANCE_FUND',
      amount: '6800.00',
      year: 2019,
      month: '2019-03',
      day: '2019-03-11',
      programme: 'MEDICAL',
      payee: 'HOSPITAL',
    });
    await expect(claimPayables(h.store, 'claim-in-1')).resolves.toMatchObject({
      payee: 'HOSPITAL',
      settlementEventId: envelope.eventId,
      total: '10800.00',
      payables: [
        { type: 'HospitalReimbursementOwed', fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: '6800.00' },
        { type: 'HospitalReimbursementOwed', fund: 'COMMERCIAL_SUPPLEMENTARY_INSURANCE', amount: '1500.50' },
        { type: 'HospitalReimbursementOwed', fund: 'MEDICAL_ASSISTANCE_FUND', amount: '1200.25' },
        { type: 'HospitalReimbursementOwed', fund: 'GOVERNMENT_BACKSTOP_FUND', amount: '1299.25' },
      ],
    });
  });

  it('records an out-of-county settlement as payments due to the household bank card, zero layers skipped', async () => {
    const bill = withLayerAmounts(anOutOfCountyBill({ claimId: 'claim-out-1' }), [
      '5000.00',
      '0.00',
      '0.00',
      '320.10',
      '0.00',
    ]);
    await h.bus.publish(TOPICS.claims, [aBillSettledEnvelope(bill)]);
    const events = await waitFor(async () => {
      const e = await streamOf('claim-out-1');
      return e.length === 3 && e;
    });
    if (!events) throw new Error('unreachable');
    expect(events.map((e) => [e.type, (e.data as { amount?: string }).amount])).toEqual([
      ['PayablesRecorded', undefined],
      ['BankCardPaymentDue', '5000.00'],
      ['BankCardPaymentDue', '320.10'],
    ]);
  });

  it('records a settlement delivered twice once', async () => {
    const envelope = aBillSettledEnvelope(aSettledBill({ claimId: 'claim-twice' }));
    await h.bus.publish(TOPICS.claims, [envelope, envelope]);
    await h.bus.publish(TOPICS.claims, [envelope]);
    // A later message on the same partition proves the duplicates before it were handled.
    const marker = aBillSettledEnvelope(aSettledBill({ claimId: 'claim-after-twice' }));
    await h.bus.publish(TOPICS.claims, [marker]);
    await waitFor(async () => (await streamOf('claim-after-twice')).length === 5);
    expect(await streamOf('claim-twice')).toHaveLength(5);
    const { rows } = await h.pool.query(
      `select count(*)::int as n from ${h.schema}.processed_events where consumer = $1 and event_id = $2`,
      [RECORD_PAYABLES_CONSUMER, envelope.eventId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('records nothing twice even past the idempotency marks: the decider ignores it and the ids are derived', async () => {
    const envelope = aBillSettledEnvelope(aSettledBill({ claimId: 'claim-direct' }));
    const inTransaction = async () => {
      const client = await h.pool.connect();
      try {
        await client.query('begin');
        const handled = await recordPayables(h.store, client, envelope.data, envelope);
        await client.query('commit');
        return handled;
      } finally {
        client.release();
      }
    };
    const first = await inTransaction();
    const second = await inTransaction();
    expect(first.events).toHaveLength(5);
    expect(second.events).toEqual([]);
    const stored = await streamOf('claim-direct');
    // Derived from the settlement's id: a redelivery would write the same ids, which the store keeps once.
    expect(stored.map((e) => e.eventId)).toEqual(
      [0, 1, 2, 3, 4].map((n) => derivedEventId(envelope.eventId, 'payout.payables', String(n))),
    );
  });

  it('dead-letters a second, different settlement of a claim already recorded, naming both', async () => {
    const first = aBillSettledEnvelope(aSettledBill({ claimId: 'claim-settled-again' }));
    const again = aBillSettledEnvelope(aSettledBill({ claimId: 'claim-settled-again' }));
    await h.bus.publish(TOPICS.claims, [first, again]);
    const reason = await waitFor(() => deadLetters.find((r) => r.includes('claim-settled-again')));
    expect(reason).toContain(first.eventId);
    expect(reason).toContain(again.eventId);
    expect(await streamOf('claim-settled-again')).toHaveLength(5);
  });

  it('dead-letters a BillSettled that breaks the contract, naming the field', async () => {
    const broken = aBillSettledEnvelope({ ...aSettledBill({ claimId: 'claim-broken' }), payee: 'SOMEONE' as never });
    await h.bus.publish(TOPICS.claims, [broken]);
    const reason = await waitFor(() => deadLetters.find((r) => r.includes(broken.eventId)));
    expect(reason).toContain('data.payee');
    expect(await streamOf('claim-broken')).toEqual([]);
  });
});

describe('the payout service runtime: settlements in, payout events out, read models filled', () => {
  let test: TestSchema;
  let runtime: ServiceRuntime;
  let bus: InProcessMessageBus;
  const published: EventEnvelope[] = [];

  beforeAll(async () => {
    test = await createTestSchema('payout_runtime', { max: 12 });
    bus = new InProcessMessageBus();
    runtime = new ServiceRuntime({
      service: 'payout',
      schema: test.schema,
      pool: test.pool,
      bus,
      topic: TOPICS.payout,
      toPublic: payoutToPublic,
      ownsConnections: false,
    });
    payoutOf(runtime).register(runtime);
    await runtime.start();
    await bus.subscribe({
      groupId: 'test-agency',
      topics: [TOPICS.payout],
      handler: async (envelope) => {
        published.push(envelope);
      },
    });
  });
  afterAll(async () => {
    await runtime.stop();
    await bus.close();
    await test.drop();
  });

  it('publishes the payables on aid.payout.v1 keyed by household, never the internal record, and projects them', async () => {
    const inCounty = aBillSettledEnvelope(
      aSettledBill({ claimId: 'rt-1', householdId: 'rt-household', hospitalId: 'rt-hospital' }),
    );
    const outOfCounty = aBillSettledEnvelope(anOutOfCountyBill({ claimId: 'rt-2', householdId: 'rt-household' }));
    await bus.publish(TOPICS.claims, [inCounty, outOfCounty]);

    await waitFor(() => published.length >= 8, 60_000);
    expect(published.map((e) => e.type).sort()).toEqual([
      ...Array(4).fill('BankCardPaymentDue'),
      ...Array(4).fill('HospitalReimbursementOwed'),
    ]);
    for (const e of published) {
      expect(e.partitionKey).toBe('rt-household');
      expect(e.schemaVersion).toBe(2);
      expect([inCounty.eventId, outOfCounty.eventId]).toContain(e.causationId);
      expect(e.correlationId).toBe(
        e.causationId === inCounty.eventId ? inCounty.correlationId : outOfCounty.correlationId,
      );
      expect(e.occurredAt).toBe('2019-03-11T09:30:00.000Z');
    }

    const payout = payoutOf(runtime);
    const ledger = await waitFor(async () => {
      const l = await householdLedger(payout.dataSource, 'rt-household', 2019);
      return l.lines.length === 8 && l;
    }, 60_000);
    if (!ledger) throw new Error('unreachable');
    expect(ledger.totals.total).toBe('21600.00');
    const receivables = await waitFor(async () => {
      const r = await hospitalReceivables(payout.dataSource, 'rt-hospital', 2019);
      return r.total === '10800.00' && r;
    }, 60_000);
    if (!receivables) throw new Error('unreachable');
    expect(receivables.months.map((m) => m.month)).toEqual(['2019-03']);
  });
});
