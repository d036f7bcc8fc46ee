import type { Pool, PoolClient } from 'pg';
import type { AppendOptions, AppendResult, EventMetadata, NewEvent, ReadStreamOptions, RecordedEvent } from '../port';
import { foldRecorded, type Decider, type DomainEvent } from './decider';
import { Refusal } from './refusal';
import { isRetriableConflict, RETRY_POLICY, withRetry, type RetryPolicy } from './retry';
import { inTransaction } from './transaction';

export interface CommandContext {
  /** One id per event the command may produce, in order; ids come from outside the decider. */
  eventIds: () => string;
  metadata: EventMetadata;
  /** Schema version of each event type written (default 1). */
  schemaVersions?: Record<string, number>;
}

/** What the handler needs from a store: PostgresEventStore is one. */
export interface CommandStore {
  /** Names the store's advisory locks, so two services on one database never share one. */
  readonly schema: string;
  readonly pool: Pool;
  readStreamWith(client: PoolClient, streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  appendWith(
    client: PoolClient,
    streamId: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
}

/** The streams a command works on. */
export interface CommandStreams<Event> {
  /** Read in this order and folded into one state. Event types of different streams must differ. */
  read: readonly string[];
  /** The stream each decided event goes to; without it, the one stream read. */
  streamOf?: (event: Event) => string;
}

/**
 * `serialised` (the default): the command holds a transaction-scoped advisory lock on every
 * stream it reads, taken before reading, so commands on one stream queue up instead of
 * racing. `optimistic`: no lock; a command that loses the race is decided again, up to the
 * retry policy's limit. Either way the append checks the versions read. docs/adr/0007.
 */
export type Concurrency = 'serialised' | 'optimistic';

export interface RunCommandOptions<State, Event> {
  /**
   * Run inside this open transaction (with the caller's own writes). The handler neither
   * commits nor retries: a conflict aborts the caller's transaction, which is retried as a
   * whole (WrongExpectedVersionError is retriable).
   */
  client?: PoolClient;
  /** The caller's own writes, in the same transaction as the append: all or nothing. */
  alsoWrite?: (client: PoolClient, events: Event[], state: State) => Promise<void>;
  concurrency?: Concurrency;
  retry?: RetryPolicy;
}

export interface HandledCommand<State, Event> {
  events: Event[];
  /** The state after the events (the state decided on, when there were none). */
  state: State;
  /** Each stream's version after the command. */
  versions: Record<string, number>;
  /** The first stream's version after the command. */
  nextExpectedVersion: number;
}

/**
 * The one command handler: in one transaction, locks and reads the command's streams, folds
 * them into one state, decides, and appends each decided event to its stream at the version
 * read, with the caller's own writes. A conflict (a writer that took no lock got in first)
 * rolls everything back and the command is decided again on the new state.
 */
export async function runCommand<State, Command, Event extends DomainEvent>(
  store: CommandStore,
  decider: Decider<State, Command, Event>,
  streams: CommandStreams<Event>,
  command: Command,
  context: CommandContext,
  options: RunCommandOptions<State, Event> = {},
): Promise<HandledCommand<State, Event>> {
  if (streams.read.length === 0) throw new Error('a command reads at least one stream');
  const once = (client: PoolClient) => decideOnce(store, decider, streams, command, context, options, client);
  if (options.client) return once(options.client);
  const policy = options.retry ?? RETRY_POLICY;
  try {
    return await withRetry(() => inTransaction(store.pool, once), policy);
  } catch (err) {
    if (!isRetriableConflict(err)) throw err;
    throw new Refusal(
      'CONCURRENT_CHANGE',
      `${streams.read.join(', ')} kept changing over ${policy.maxAttempts} attempts; try again`,
      'CONFLICT',
      { retriable: true, cause: err },
    );
  }
}

async function decideOnce<State, Command, Event extends DomainEvent>(
  store: CommandStore,
  decider: Decider<State, Command, Event>,
  streams: CommandStreams<Event>,
  command: Command,
  context: CommandContext,
  options: RunCommandOptions<State, Event>,
  client: PoolClient,
): Promise<HandledCommand<State, Event>> {
  if ((options.concurrency ?? 'serialised') === 'serialised') await lockStreams(client, store.schema, streams.read);
  const versions: Record<string, number> = {};
  const recorded: RecordedEvent[] = [];
  for (const streamId of streams.read) {
    const events = await store.readStreamWith(client, streamId);
    versions[streamId] = events.length === 0 ? 0 : events[events.length - 1].streamVersion;
    recorded.push(...events);
  }
  const state = foldRecorded(decider, recorded);
  const events = decider.decide(command, state);
  const after = events.reduce(decider.evolve, state);

  // Ids are drawn in the order decided, whichever stream each event goes to.
  const newEvents = toNewEvents(events, context);
  const byStream = new Map<string, NewEvent[]>();
  events.forEach((event, i) => {
    const streamId = streams.streamOf ? streams.streamOf(event) : streams.read[0];
    if (!(streamId in versions))
      throw new Error(`${event.type} is routed to ${streamId}, a stream the command did not read`);
    byStream.set(streamId, [...(byStream.get(streamId) ?? []), newEvents[i]]);
  });
  for (const [streamId, toAppend] of byStream) {
    const result = await store.appendWith(client, streamId, toAppend, { expectedVersion: versions[streamId] });
    versions[streamId] = result.nextExpectedVersion;
  }
  await options.alsoWrite?.(client, events, after);
  return { events, state: after, versions, nextExpectedVersion: versions[streams.read[0]] };
}

/**
 * One transaction-scoped advisory lock per stream, in a fixed order so that two commands
 * on overlapping streams cannot deadlock. A hash collision between two streams only makes
 * their commands wait for each other.
 */
async function lockStreams(client: PoolClient, schema: string, streamIds: readonly string[]): Promise<void> {
  const keys = [...new Set(streamIds)].sort().map((id) => `${schema}:${id}`);
  await client.query('select count(pg_advisory_xact_lock(hashtextextended(k, 0))) from unnest($1::text[]) as k', [
    keys,
  ]);
}

export function toNewEvents(events: readonly DomainEvent[], context: CommandContext): NewEvent[] {
  return events.map((e) => ({
    eventId: context.eventIds(),
    type: e.type,
    schemaVersion: context.schemaVersions?.[e.type] ?? 1,
    data: e.data,
    metadata: context.metadata,
  }));
}
