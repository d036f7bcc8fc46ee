/**
 * What travels on a topic. Agencies code against this shape (docs/topics.md); it is a
 * deliberate, versioned contract, apart from the events an aggregate happens to emit.
 */
export interface EventEnvelope<Data = unknown> {
  /** Unique per event; consumers deduplicate on it. */
  eventId: string;
  /** Past-tense event name, e.g. `BillSettled`. */
  type: string;
  /** Schema version of `data` for this `type`, starting at 1. */
  schemaVersion: number;
  /** Stream the event was appended to in the producing service's store. */
  streamId: string;
  /** Version of the event inside its stream, starting at 1. */
  streamVersion: number;
  /** Position in the producing store's global order, as a decimal string (a bigint). */
  globalPosition: string;
  /** Household id: every event of one household lands on one partition, in order. */
  partitionKey: string;
  correlationId: string;
  causationId: string | null;
  /** ISO-8601 instant the event was recorded. */
  occurredAt: string;
  data: Data;
}
