/**
 * The event store port. Services append and read through it; the PostgreSQL adapter is the
 * default, the KurrentDB adapter sits behind the same interface and passes the same
 * contract suite (libs/event-store/src/contract).
 */

/** Metadata every event carries; time and ids come from the command, never from the store. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string | null;
  /** Household id: the relay keys Kafka messages by it so one household keeps its order. */
  partitionKey?: string;
  /** ISO-8601 instant the fact happened, given by the caller. */
  occurredAt?: string;
  [key: string]: unknown;
}

export interface NewEvent<Data = unknown> {
  /** A UUID chosen by the caller: appending the same id twice stores it once. */
  eventId: string;
  type: string;
  schemaVersion?: number;
  data: Data;
  metadata?: EventMetadata;
}

export interface RecordedEvent<Data = unknown> {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  /** 1 for the first event of a stream. */
  streamVersion: number;
  /**
   * Where the event stands in the store's global order, as an opaque string the same
   * store accepts back in `readAll({ after })`. PostgreSQL: the decimal global sequence.
   */
  position: string;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
}

/**
 * `number`: the stream must be at exactly this version (0 = no stream yet).
 * `no_stream`: same as 0. `stream_exists`: any version but 0. `any`: no check.
 */
export type ExpectedVersion = number | 'any' | 'no_stream' | 'stream_exists';

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append: pass it as the next expected version. */
  nextExpectedVersion: number;
  /** Position of the last event appended (or already stored, for a duplicate). */
  lastPosition: string;
  /** True when every event id was already stored in this stream: nothing was written. */
  duplicate: boolean;
}

export interface ReadStreamOptions {
  /** First stream version to return (default 1). */
  fromVersion?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events after this position; omitted or null: from the very beginning. */
  after?: string | null;
  /** Batch size (default 1000). */
  maxCount?: number;
}

export interface EventStore {
  appendToStream(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Events in global order. An event that commits late (it holds a lower sequence number
   * than one already visible) is still delivered after the visible ones: a reader that
   * resumes from its checkpoint never skips it.
   */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/** Where a catch-up subscription keeps how far it got. */
export interface CheckpointStore {
  load(subscriptionId: string): Promise<string | null>;
  store(subscriptionId: string, position: string): Promise<void>;
}

/**
 * Another writer moved the stream on between this command's read and its append. Nothing
 * was written: deciding the command again on the new state is always safe, hence retriable.
 */
export class WrongExpectedVersionError extends Error {
  readonly retriable = true;
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** 0 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** Some of the event ids in an append were already stored, but not all: a caller bug. */
export class DuplicateEventIdError extends Error {
  readonly retriable = false;
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`stream ${streamId}: some but not all event ids were already stored: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventIdError';
  }
}

export class InvalidAppendError extends Error {
  readonly retriable = false;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
