import type { EventEnvelope } from '@aid/contracts';
import { InMemoryCheckpointStore, type RecordedEvent } from '@aid/event-store';
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
