import {
  ANY,
  BACKWARDS,
  END,
  KurrentDBClient,
  NO_STREAM,
  STREAM_EXISTS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersion,
  excludeSystemEvents,
  jsonEvent,
  type AppendStreamState,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  DuplicateEventIdError,
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../port';
import { validateAppend } from '../validate-append';

/** How far back an append looks for its own event ids when deciding it is a retry. */
const DUPLICATE_WINDOW = 1000n;
const SCHEMA_VERSION_KEY = '$schemaVersion';

// KurrentDB counts revisions from 0; the port counts versions from 1 (0 = no stream).
function toStreamState(expected: ExpectedVersion): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected === 0 ? NO_STREAM : BigInt(expected - 1);
  }
}

/**
 * The event store port over KurrentDB (EventStoreDB). Positions are the server's commit
 * positions; KurrentDB assigns them at commit, so the late-commit hazard of a sequence
 * cannot arise here. Checkpoints live elsewhere (a CheckpointStore of the caller's).
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;

  constructor(connectionString: string) {
    this.client = KurrentDBClient.connectionString(connectionString);
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    validateAppend(streamId, events, expected);
    const duplicate = await this.findStored(streamId, events);
    if (duplicate) return duplicate;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) =>
          jsonEvent({
            id: e.eventId,
            type: e.type,
            data: e.data as Record<string, unknown>,
            metadata: { ...(e.metadata ?? {}), [SCHEMA_VERSION_KEY]: e.schemaVersion ?? 1 },
          }),
        ),
        { streamState: toStreamState(expected) },
      );
      return {
        nextExpectedVersion: Number(result.nextExpectedRevision) + 1,
        lastPosition: String(result.position?.commit ?? ''),
        duplicate: false,
      };
    } catch (err) {
      if (err instanceof KurrentWrongExpectedVersion) {
        const actual = typeof err.actualState === 'bigint' ? Number(err.actualState) + 1 : 0;
        throw new WrongExpectedVersionError(streamId, expected, actual);
      }
      throw err;
    }
  }

  /** A retried append finds its events already stored: report them instead of appending. */
  private async findStored(streamId: string, events: readonly NewEvent[]): Promise<AppendResult | null> {
    const wanted = new Set(events.map((e) => e.eventId.toLowerCase()));
    const found: RecordedEvent[] = [];
    let version = 0;
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: DUPLICATE_WINDOW,
      })) {
        const recorded = this.toRecorded(resolved);
        if (!recorded) continue;
        version = Math.max(version, recorded.streamVersion);
        if (wanted.has(recorded.eventId.toLowerCase())) found.push(recorded);
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return null;
      throw err;
    }
    if (found.length === 0) return null;
    if (found.length !== wanted.size) throw new DuplicateEventIdError(streamId, events.map((e) => e.eventId));
    const last = found.reduce((a, b) => (BigInt(a.position) > BigInt(b.position) ? a : b));
    return { nextExpectedVersion: version, lastPosition: last.position, duplicate: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: BigInt((options.fromVersion ?? 1) - 1),
        ...(options.maxCount !== undefined ? { maxCount: BigInt(options.maxCount) } : {}),
      })) {
        const recorded = this.toRecorded(resolved);
        if (recorded) out.push(recorded);
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return [];
      throw err;
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? 1000;
    const after = options.after ?? null;
    const from = after === null ? START : { commit: BigInt(after), prepare: BigInt(after) };
    const out: RecordedEvent[] = [];
    // Reading from a position includes the event at that position: read one more and drop it.
    for await (const resolved of this.client.readAll({
      fromPosition: from,
      maxCount: BigInt(maxCount + (after === null ? 0 : 1)),
      filter: excludeSystemEvents(),
    })) {
      const recorded = this.toRecorded(resolved);
      if (!recorded || recorded.position === after) continue;
      out.push(recorded);
    }
    return out.slice(0, maxCount);
  }

  private toRecorded(resolved: ResolvedEvent): RecordedEvent | null {
    const e = resolved.event;
    if (!e || !e.isJson) return null;
    const { [SCHEMA_VERSION_KEY]: schemaVersion, ...metadata } = (e.metadata ?? {}) as EventMetadata;
    return {
      eventId: e.id,
      type: e.type,
      schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
      streamId: e.streamId,
      streamVersion: Number(e.revision) + 1,
      position: String(e.position?.commit ?? resolved.commitPosition ?? ''),
      data: e.data,
      metadata,
      recordedAt: e.created,
    };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
