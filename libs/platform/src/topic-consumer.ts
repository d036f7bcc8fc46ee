import { parseContractEvent, type ContractEvent, type ContractEvents } from '@aid/contracts';
import {
  NonRetriableError,
  backoffMs,
  pause,
  withIdempotentTransaction,
  type ConsumerStatus,
  type MessageBus,
  type RetryPolicy,
  type SubscribeOptions,
  type Subscription,
} from '@aid/messaging';
import type { Pool, PoolClient } from 'pg';
import type { Worker } from './service-runtime';

export interface TopicConsumerOptions<T extends keyof ContractEvents> {
  /** Names the consumer group and the idempotency marks, e.g. `claims:member-view`. */
  name: string;
  topic: T;
  bus: MessageBus;
  pool: Pool;
  schema: string;
  /** Runs inside the transaction that also records the event id: all or nothing, once. Sees the newest version only. */
  handle(event: ContractEvent<T>, client: PoolClient): Promise<void>;
  /** Waits between attempts to subscribe while the broker is away (default 500 ms doubling to 10 s). */
  subscribeBackoff?: { initialMs: number; maxMs: number };
  log?: (line: string) => void;
}

/**
 * Consumes another service's topic: checks every message against the contract registry
 * (a bad one is dead-lettered with its problems named), hands the handler the newest
 * version of each event whatever version travelled (the registry's upcasters), skips event
 * types it does not know, and applies each event once, in the same transaction as the
 * handler's writes.
 */
export function topicConsumer<T extends keyof ContractEvents>(options: TopicConsumerOptions<T>): Worker {
  const subscribe: SubscribeOptions = {
    groupId: options.name,
    topics: [options.topic],
    fromBeginning: true,
    handler: async (envelope) => {
      const parsed = parseContractEvent(options.topic, envelope);
      if (!parsed.ok) {
        if (parsed.ignored) return;
        throw new NonRetriableError(
          `${envelope.type} ${envelope.eventId} breaks the ${options.topic} contract: ${parsed.problems
            .map((p) => `${p.field}: ${p.message}`)
            .join('; ')}`,
        );
      }
      await withIdempotentTransaction(options.pool, options.schema, options.name, envelope.eventId, (client) =>
        options.handle(parsed.event, client),
      );
    },
  };
  return supervisedSubscription(options.name, options.bus, subscribe, options);
}

/**
 * A subscription as a worker that never blocks its service's start: it subscribes in the
 * background, again and again with backoff while the broker is away, and from then on the
 * subscription brings itself back after broker errors. Its status says which of the two it is.
 */
export function supervisedSubscription(
  name: string,
  bus: MessageBus,
  subscribe: SubscribeOptions,
  options: Pick<TopicConsumerOptions<never>, 'subscribeBackoff' | 'log'> = {},
): Worker {
  const backoff: RetryPolicy = {
    maxAttempts: Number.POSITIVE_INFINITY,
    initialBackoffMs: options.subscribeBackoff?.initialMs ?? 500,
    maxBackoffMs: options.subscribeBackoff?.maxMs ?? 10_000,
  };
  let subscription: Subscription | null = null;
  let stopping = new AbortController();
  let loop: Promise<void> | null = null;
  let waiting: ConsumerStatus = { state: 'stopped', lastError: null, since: new Date().toISOString() };

  const run = async (signal: AbortSignal) => {
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        const s = await bus.subscribe({ ...subscribe, signal });
        if (signal.aborted) return void (await s.close());
        subscription = s;
        return;
      } catch (err) {
        if (signal.aborted) return;
        const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        waiting = { state: 'reconnecting', lastError: message, since: waiting.since };
        options.log?.(`${name}: could not subscribe (${message}); will retry`);
        await pause(backoffMs(backoff, attempt), signal);
      }
    }
  };

  return {
    name,
    async start() {
      if (loop) return;
      stopping = new AbortController();
      waiting = { state: 'reconnecting', lastError: null, since: new Date().toISOString() };
      loop = run(stopping.signal);
    },
    async stop() {
      stopping.abort();
      await loop;
      loop = null;
      await subscription?.close();
      subscription = null;
      waiting = { state: 'stopped', lastError: null, since: new Date().toISOString() };
    },
    status: () => subscription?.status() ?? waiting,
  };
}
