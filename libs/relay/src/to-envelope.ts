import type { EventEnvelope } from '@aid/contracts';
import type { RecordedEvent } from '@aid/event-store';

/** The public form of one stored event: a type, its schema version, and data built field by field. */
export interface OutgoingEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/**
 * A producer's mapping from what its store holds to what its topic carries; null keeps the
 * event home. Each service writes its own (its `public-events/`) against the contract registry.
 */
export type ToPublic = (event: RecordedEvent) => OutgoingEvent | null;

/**
 * Writes a mapping over the service's own event union. The cast is the one place that says
 * what a stored event is: the service's store holds only events its deciders made.
 */
export function publicMapping<E extends { type: string; data: unknown }>(
  map: (event: E) => OutgoingEvent | null,
): ToPublic {
  return (recorded) => map({ type: recorded.type, data: recorded.data } as E);
}

/**
 * Copies stored events as they are, internal ones included. Only for topics no agency reads
 * (relay drills, private topics): a public topic is fed by its producer's mapping.
 */
export const asStored: ToPublic = (event) => ({
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
});

/** What a stored event looks like on a topic (docs/topics.md): the stored event's metadata around its public form. */
export function toEnvelope(event: RecordedEvent, published: OutgoingEvent): EventEnvelope {
  const m = event.metadata;
  return {
    eventId: event.eventId,
    type: published.type,
    schemaVersion: published.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.position,
    // Without a household the stream keeps its own order, which is all it has.
    partitionKey: typeof m.partitionKey === 'string' && m.partitionKey ? m.partitionKey : event.streamId,
    correlationId: typeof m.correlationId === 'string' && m.correlationId ? m.correlationId : event.eventId,
    causationId: typeof m.causationId === 'string' ? m.causationId : null,
    occurredAt: typeof m.occurredAt === 'string' ? m.occurredAt : event.recordedAt.toISOString(),
    data: published.data,
  };
}
