import type { EventEnvelope } from '@aid/contracts';
import type { RecordedEvent } from '@aid/event-store';

/** What a stored event looks like on a topic (docs/topics.md). */
export function toEnvelope(event: RecordedEvent): EventEnvelope {
  const m = event.metadata;
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.position,
    // Without a household the stream keeps its own order, which is all it has.
    partitionKey: typeof m.partitionKey === 'string' && m.partitionKey ? m.partitionKey : event.streamId,
    correlationId: typeof m.correlationId === 'string' && m.correlationId ? m.correlationId : event.eventId,
    causationId: typeof m.causationId === 'string' ? m.causationId : null,
    occurredAt: typeof m.occurredAt === 'string' ? m.occurredAt : event.recordedAt.toISOString(),
    data: event.data,
  };
}
