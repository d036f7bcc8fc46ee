import type { PoolClient } from 'pg';
import { WrongExpectedVersionError, type EventMetadata, type EventStore, type NewEvent } from '../port';
import { foldRecorded, type Decider, type DomainEvent } from './decider';

export interface CommandContext {
  /** One id per event the command may produce, in order; ids come from outside the decider. */
  eventIds: () => string;
  metadata: EventMetadata;
  /** Schema version of each event type written (default 1). */
  schemaVersions?: Record<string, number>;
}

export interface HandledCommand<State, Event> {
  events: Event[];
  state: State;
  nextExpectedVersion: number;
}

/** What the handler needs from a store: read a stream, append to it (optionally in a transaction). */
export interface CommandStore {
  readStream: EventStore['readStream'];
  appendToStream: EventStore['appendToStream'];
  appendWith?(client: PoolClient, ...args: Parameters<EventStore['appendToStream']>): ReturnType<EventStore['appendToStream']>;
}

/**
 * Reads the stream, decides, appends at the version it read. Two commands on one stream at
 * once: the later append meets a newer version and the command is decided again on the new
 * state, so a rule such as "never spend the same cap twice" holds without locks.
 */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: CommandStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  context: CommandContext,
  options: {
    maxAttempts?: number;
    /**
     * Append inside this open transaction (with the caller's other writes, all or nothing).
     * A version conflict then aborts the caller's transaction: it must retry as a whole,
     * so maxAttempts is 1.
     */
    client?: PoolClient;
  } = {},
): Promise<HandledCommand<State, Event>> {
  const maxAttempts = options.client ? 1 : (options.maxAttempts ?? 5);
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(streamId);
    const state = foldRecorded(decider, recorded);
    const version = recorded.length === 0 ? 0 : recorded[recorded.length - 1].streamVersion;
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, state, nextExpectedVersion: version };
    try {
      const newEvents = toNewEvents(events, context);
      const appendOptions = { expectedVersion: version };
      let result;
      if (options.client) {
        if (!store.appendWith) throw new Error('this store cannot append inside a caller transaction');
        result = await store.appendWith(options.client, streamId, newEvents, appendOptions);
      } else {
        result = await store.appendToStream(streamId, newEvents, appendOptions);
      }
      return { events, state: events.reduce(decider.evolve, state), nextExpectedVersion: result.nextExpectedVersion };
    } catch (err) {
      if (err instanceof WrongExpectedVersionError && attempt < maxAttempts) continue;
      throw err;
    }
  }
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
