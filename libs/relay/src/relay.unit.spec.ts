import type { EventEnvelope } from '@aid/contracts';
import { InMemoryCheckpointStore, type RecordedEvent } from '@aid/event-store';
import { waitFor } from '@aid/testing';
import { Relay } from './relay';
import { publicMapping } from './to-envelope';

type Stored = { type: 'Recorded'; data: { note: string } } | { type: 'Owed'; data: { amount: string; secret: string } };

function stored(n: number, event: Stored): RecordedEvent {
  return {
    eventId: `00000000-0000-4000-8000-00000000000${n}`,
    streamId: 'payables-c1',
    streamVersion: n,
    position: String(n),
    metadata: {
      partitionKey: 'h1',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      occurredAt: '2019-03-11T09:30:00.000Z',
    },
    recordedAt: new Date('2019-03-11T10:00:00.000Z'),
    schemaVersion: 1,
    ...event,
  };
}

describe('the relay publishes what the producer maps, around the stored metadata', () => {
  it('keeps home what the mapping returns null for, and publishes the public form of the rest', async () => {
    const events = [
      stored(1, { type: 'Recorded', data: { note: 'internal' } }),
      stored(2, { type: 'Owed', data: { amount: '12.50', secret: 'stays home' } }),
    ];
    const published: EventEnvelope[] = [];
    const relay = new Relay({
      relayId: 'relay:test',
      store: { readAll: async (o) => events.filter((e) => o?.after == null || Number(e.position) > Number(o.after)) },
      checkpoints: new InMemoryCheckpointStore(),
      bus: { publish: async (_topic, messages) => void published.push(...messages) },
      topic: 'test.v1',
      toPublic: publicMapping<Stored>((e) =>
        e.type === 'Owed' ? { type: 'PaymentOwed', schemaVersion: 2, data: { amount: e.data.amount } } : null,
      ),
    });

    await relay.drain();

    expect(published).toEqual([
      {
        eventId: '00000000-0000-4000-8000-000000000002',
        type: 'PaymentOwed',
        schemaVersion: 2,
        streamId: 'payables-c1',
        streamVersion: 2,
        globalPosition: '2',
        partitionKey: 'h1',
        correlationId: 'corr-1',
        causationId: 'cause-1',
        occurredAt: '2019-03-11T09:30:00.000Z',
        data: { amount: '12.50' },
      },
    ]);
  });
});

describe('the relay through a broker outage', () => {
  const events = [1, 2, 3].map((n) => stored(n, { type: 'Owed', data: { amount: `${n}.00`, secret: 's' } }));
  const store = {
    readAll: async (o?: { after?: string | null; maxCount?: number }) =>
      events.filter((e) => o?.after == null || Number(e.position) > Number(o.after)).slice(0, o?.maxCount),
  };
  const owed = publicMapping<Stored>((e) => ({
    type: 'PaymentOwed',
    schemaVersion: 2,
    data: { amount: (e.data as { amount: string }).amount },
  }));

  it('retries the same batch from the same checkpoint until the broker takes it, in order, and says so meanwhile', async () => {
    const checkpoints = new InMemoryCheckpointStore();
    const attempts: string[][] = [];
    let brokerUp = false;
    const relay = new Relay({
      relayId: 'relay:outage',
      store,
      checkpoints,
      batchSize: 2,
      idleDelayMs: 5,
      retryBackoff: { initialMs: 5, maxMs: 20 },
      now: () => new Date('2019-03-11T10:00:30.000Z'),
      bus: {
        publish: async (_topic, messages) => {
          attempts.push(messages.map((m) => m.globalPosition));
          if (!brokerUp) throw new Error('Connection error: connect ECONNREFUSED');
        },
      },
      topic: 'test.v1',
      toPublic: owed,
    });
    relay.start();
    try {
      await waitFor(() => attempts.length >= 3);
      const failing = await relay.status();
      expect(failing).toMatchObject({
        state: 'failing',
        lastError: 'Error: Connection error: connect ECONNREFUSED',
        pending: 3,
        pendingAtLeast: false,
        oldestPendingAt: '2019-03-11T10:00:00.000Z',
        oldestPendingAgeMs: 30_000,
      });
      expect(failing.failingSince).not.toBeNull();
      expect(await checkpoints.load('relay:outage')).toBeNull();

      brokerUp = true;
      await waitFor(async () => (await checkpoints.load('relay:outage')) === '3');
      expect(new Set(attempts.map((a) => a.join()))).toEqual(new Set(['1,2', '3']));
      const firstSuccess = attempts.findIndex((a, i) => i > 0 && a.join() === '3');
      expect(attempts.slice(0, firstSuccess).every((a) => a.join() === '1,2')).toBe(true);
      expect(await relay.status()).toMatchObject({
        state: 'publishing',
        lastError: null,
        failingSince: null,
        pending: 0,
        oldestPendingAt: null,
      });
    } finally {
      await relay.stop();
    }
  });
});
