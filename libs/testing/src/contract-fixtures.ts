/**
 * Fixtures for producers' contract tests (`src/public-events/*.unit.spec.ts`): what a mapped
 * event looks like once the relay has put it on a topic, and an internal event that grew a
 * field the contract does not name. Pure: no I/O.
 */
import type { EventEnvelope } from '@aid/contracts';

/** The envelope the relay would send for `published`; the envelope's own fields are placeholders. */
export function onTheTopic(
  published: { type: string; schemaVersion: number; data: unknown },
  envelope: Partial<EventEnvelope> = {},
): EventEnvelope {
  return {
    eventId: '00000000-0000-4000-8000-000000000001',
    streamId: 'stream-1',
    streamVersion: 1,
    globalPosition: '1',
    partitionKey: 'household-1',
    correlationId: 'c-1',
    causationId: null,
    occurredAt: '2019-02-10T09:00:00.000Z',
    ...envelope,
    ...published,
  };
}

/** The same event with fields the contract does not name, as a new internal field would be. */
export function withMore<E extends { data: object }>(event: E, extra: Record<string, unknown>): E {
  return { ...event, data: { ...event.data, ...extra } };
}
