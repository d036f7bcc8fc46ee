import {
  Kafka,
  Partitioners,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  type KafkaConfig,
  type KafkaMessage,
  type Logger,
  type Producer,
} from 'kafkajs';
import type { EventEnvelope } from '@aid/contracts';
import { deadLetterRecord, defaultDeadLetterTopic, toDeadLetter, type FailedMessage } from '../dead-letter';
import { backoffMs, deliver, pause, resolveRetryPolicy, type DeliveryOutcome } from '../delivery';
import type {
  BrokerStatus,
  ConsumerStatus,
  MessageBus,
  MessageHandler,
  RetryPolicy,
  SubscribeOptions,
  Subscription,
} from '../port';
import { toWireMessage } from '../wire';
import { KAFKA_LOG_LEVELS, lineLogCreator, type KafkaLogLevel, type LogSink } from './kafka-logger';

export interface KafkaMessageBusOptions {
  brokers: string[];
  clientId: string;
  /** Partitions of the topics this bus creates (default 3). */
  partitions?: number;
  /** Replicas of the topics this bus creates (default: the broker's default.replication.factor). */
  replicationFactor?: number;
  /** kafkajs's own log level (default 'warn'); the bus logs dead letters at WARN through it. */
  logLevel?: KafkaLogLevel;
  /** Where log lines go (default stderr). */
  logSink?: LogSink;
  /** TLS / SASL for a managed cluster; nothing on the local broker. */
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
  /**
   * Consumer group session timeout (default 10 s): how long a crashed member keeps its
   * partitions, and so how long a member restarted after a crash waits to rejoin.
   */
  sessionTimeoutMs?: number;
  /** How often a consumer heartbeats (default 3 s); a rebalance is noticed at the next one. */
  heartbeatIntervalMs?: number;
  /** Longest a fetch waits for new messages (default 500 ms); also bounds how long closing waits for it. */
  maxWaitTimeMs?: number;
  /**
   * On close, how long a handler in flight may finish (default 10 s). After that its message
   * is abandoned uncommitted, and the group redelivers it, as after a crash.
   */
  shutdownGraceMs?: number;
  /** Longest subscribe waits to join its group (default 60 s). */
  joinTimeoutMs?: number;
  /** Partitions one subscription handles at once, each in order (default: `partitions`). */
  partitionsConsumedConcurrently?: number;
  /**
   * Waits between attempts to bring back a crashed consumer (broker gone, no group
   * coordinator, ...): doubling from the first, capped (default 500 ms to 10 s). It keeps
   * trying as long as the subscription is open.
   */
  reconnectBackoff?: { initialMs: number; maxMs: number };
  /** Longest `status()` waits for the broker to answer (default 2 s). */
  statusTimeoutMs?: number;
  /** Clock for `DeadLetter.failedAt`. */
  now?: () => Date;
}

interface ConsumerSettings {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxWaitTimeMs: number;
  shutdownGraceMs: number;
  joinTimeoutMs: number;
  partitionsConsumedConcurrently: number;
  reconnect: RetryPolicy;
  now: () => Date;
}

/** Kafka caps a record batch at 1 MiB by default; publish splits large calls below that. */
const MAX_CHUNK_BYTES = 512 * 1024;
const MAX_CHUNK_MESSAGES = 500;

/**
 * The MessageBus over kafkajs 2.2.4. Everything kafkajs-specific stays in this folder:
 * handlers see only the port, so another client can replace this file alone.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  /** @internal the subscriptions' logger */
  readonly logger: Logger;
  private producer: Promise<Producer> | null = null;
  private readonly knownTopics = new Set<string>();
  private readonly subscriptions = new Set<KafkaSubscription>();
  private closed = false;
  private readonly settings: ConsumerSettings & { partitions: number; replicationFactor: number | undefined };
  private readonly statusTimeoutMs: number;
  private probing: Promise<BrokerStatus> | null = null;

  constructor(options: KafkaMessageBusOptions) {
    if (!options.brokers?.length) throw new TypeError('KafkaMessageBus needs at least one broker');
    const partitions = options.partitions ?? 3;
    this.settings = {
      partitions,
      replicationFactor: options.replicationFactor,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 10_000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 3_000,
      maxWaitTimeMs: options.maxWaitTimeMs ?? 500,
      shutdownGraceMs: options.shutdownGraceMs ?? 10_000,
      joinTimeoutMs: options.joinTimeoutMs ?? 60_000,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? partitions,
      reconnect: {
        maxAttempts: Number.POSITIVE_INFINITY,
        initialBackoffMs: options.reconnectBackoff?.initialMs ?? 500,
        maxBackoffMs: options.reconnectBackoff?.maxMs ?? 10_000,
      },
      now: options.now ?? (() => new Date()),
    };
    this.statusTimeoutMs = options.statusTimeoutMs ?? 2_000;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ssl: options.ssl,
      sasl: options.sasl,
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      // kafkajs's default (5 retries from 300 ms, up to 30 s apart) can keep a publish
      // silent for a minute while a broker is away; this one fails within seconds.
      retry: { initialRetryTime: 100, maxRetryTime: 5_000, retries: 6 },
      logLevel: KAFKA_LOG_LEVELS[options.logLevel ?? 'warn'],
      logCreator: lineLogCreator(options.logSink),
    });
    this.logger = this.kafka.logger().namespace('aid-messaging');
  }

  async publish(topic: string, messages: readonly EventEnvelope[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    // Every message is checked before any is sent: a bad one fails the call as a whole.
    const wire = messages.map(toWireMessage);
    await this.ensureTopics([topic]);
    const producer = await this.connectedProducer();
    // Sequential chunks keep per-key order across chunk boundaries.
    try {
      for (const chunk of chunks(wire)) {
        await producer.send({ topic, acks: -1, messages: chunk });
      }
    } catch (err) {
      this.dropProducer(producer);
      throw err;
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    if (!options.groupId) throw new TypeError('subscribe needs a groupId');
    if (!options.topics.length) throw new TypeError('subscribe needs at least one topic');
    const deadLetterTopic = options.deadLetterTopic ?? defaultDeadLetterTopic;
    const retry = resolveRetryPolicy(options.retry);
    await this.ensureTopics([...options.topics, ...options.topics.map(deadLetterTopic)]);
    const subscription = new KafkaSubscription(this, this.kafka, options, retry, deadLetterTopic, this.settings);
    this.subscriptions.add(subscription);
    const giveUp = () => void subscription.close();
    options.signal?.addEventListener('abort', giveUp, { once: true });
    try {
      if (options.signal?.aborted) throw new Error('subscribe was aborted');
      await subscription.start();
    } catch (err) {
      await subscription.close();
      throw err;
    } finally {
      options.signal?.removeEventListener('abort', giveUp);
    }
    return subscription;
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    const wanted = [...new Set(topics)].filter((t) => !this.knownTopics.has(t));
    if (wanted.length === 0) return;
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((t) => !existing.has(t));
      if (missing.length > 0) {
        try {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({
              topic,
              numPartitions: this.settings.partitions,
              ...(this.settings.replicationFactor ? { replicationFactor: this.settings.replicationFactor } : {}),
            })),
          });
        } catch (err) {
          // Another process may have created one of them meanwhile; anything else is real.
          if (!isTopicAlreadyExists(err)) throw err;
        }
      }
      for (const t of wanted) this.knownTopics.add(t);
    } finally {
      await admin.disconnect();
    }
  }

  /** Asks the cluster for its brokers, once at a time however many callers ask. */
  status(): Promise<BrokerStatus> {
    if (this.closed) return Promise.resolve({ connected: false, error: 'the bus is closed' });
    this.probing ??= this.probe().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  private async probe(): Promise<BrokerStatus> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    try {
      await withTimeout(
        admin.connect().then(() => admin.describeCluster()),
        this.statusTimeoutMs,
        `no answer from the broker within ${this.statusTimeoutMs} ms`,
      );
      return { connected: true };
    } catch (err) {
      return { connected: false, error: (err as Error).message };
    } finally {
      void admin.disconnect().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    const producer = this.producer;
    this.producer = null;
    if (producer) await producer.then((p) => p.disconnect()).catch(() => undefined);
  }

  /** @internal used by subscriptions for dead letters; not part of the port. */
  async sendRecord(
    topic: string,
    record: { key: string | null; value: string; headers: Record<string, string> },
  ): Promise<void> {
    const producer = await this.connectedProducer();
    try {
      await producer.send({ topic, acks: -1, messages: [record] });
    } catch (err) {
      this.dropProducer(producer);
      throw err;
    }
  }

  /**
   * After a failed send the next one starts from a fresh connection: a producer that lived
   * through a broker restart can keep failing on stale connections and metadata.
   */
  private dropProducer(failed: Producer): void {
    const current = this.producer;
    if (!current) return;
    void current.then(
      (p) => {
        if (p !== failed || this.producer !== current) return;
        this.producer = null;
        void p.disconnect().catch(() => undefined);
      },
      () => undefined,
    );
  }

  /** @internal */
  forget(subscription: KafkaSubscription): void {
    this.subscriptions.delete(subscription);
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        // kafkajs's idempotent producer is experimental; without it, one request in flight
        // is what keeps a retried batch from overtaking the next one.
        idempotent: false,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // Murmur2 like the Java client, so a key lands where other clients would put it.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      const connecting = producer.connect().then(() => producer);
      // A failed connect must not poison every later publish.
      connecting.catch(() => {
        if (this.producer === connecting) this.producer = null;
      });
      this.producer = connecting;
    }
    return this.producer;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('KafkaMessageBus is closed');
  }
}

class KafkaSubscription implements Subscription {
  private consumer: Consumer | null = null;
  /** Aborted on close: no new attempt, backoffs end. */
  private readonly stopping = new AbortController();
  /** Aborted when the shutdown grace runs out: the attempt in flight is let go. */
  private readonly abandoning = new AbortController();
  private closing: Promise<void> | null = null;
  private recovering: Promise<void> | null = null;
  private readonly handler: MessageHandler;
  private current: ConsumerStatus;

  constructor(
    private readonly bus: KafkaMessageBus,
    private readonly kafka: Kafka,
    private readonly options: SubscribeOptions,
    private readonly retry: RetryPolicy,
    private readonly deadLetterTopic: (topic: string) => string,
    private readonly settings: ConsumerSettings,
  ) {
    this.handler = options.handler;
    this.current = this.stateNow('reconnecting', null);
  }

  status(): ConsumerStatus {
    return this.current;
  }

  /**
   * The first join, tried again after passing errors (a coordinator still loading) until the
   * join timeout: then subscribe rejects, and the caller decides. Later joins are ours.
   */
  async start(): Promise<void> {
    await this.join(Date.now() + this.settings.joinTimeoutMs);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private stateNow(state: ConsumerStatus['state'], error: unknown): ConsumerStatus {
    return {
      state,
      lastError: error === null ? null : error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      since: this.settings.now().toISOString(),
    };
  }

  private enter(state: ConsumerStatus['state'], error: unknown): void {
    if (this.current.state === 'stopped') return;
    const next = this.stateNow(state, error);
    this.current = this.current.state === state ? { ...next, since: this.current.since } : next;
  }

  /** One consumer, connected, subscribed, running and in its group; on failure, nothing left behind. */
  private async connectOnce(joinTimeoutMs: number): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.settings.sessionTimeoutMs,
      heartbeatInterval: this.settings.heartbeatIntervalMs,
      maxWaitTimeInMs: this.settings.maxWaitTimeMs,
      allowAutoTopicCreation: false,
      // kafkajs restarts a crashed consumer only after a retriable error and stops it for good
      // otherwise ("Failed to find group coordinator" while a broker restarts): every crash
      // comes here instead, to one recovery with one backoff, that never gives up.
      retry: { retries: 5, restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    const fromBeginning = this.options.fromBeginning ?? true;

    // Resolved at the first join; with fromBeginning false, at the first fetch after it,
    // because kafkajs looks up the latest offset only then, and a message published in
    // between would otherwise be skipped.
    let joined = false;
    let gaveUp: (error: unknown) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      gaveUp = reject;
      const offJoin = consumer.on(consumer.events.GROUP_JOIN, () => {
        offJoin();
        if (fromBeginning) return resolve();
        const offFetch = consumer.on(consumer.events.FETCH, () => {
          offFetch();
          resolve();
        });
      });
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (this.consumer !== consumer || this.stopping.signal.aborted) return;
      const { error } = event.payload;
      this.enter('reconnecting', error);
      // Not yet joined: this attempt fails now rather than at the join timeout.
      if (!joined) return gaveUp(error);
      // kafkajs has disconnected this consumer: a new one takes its place, for as long as
      // the subscription is open.
      this.bus.logger.error('consumer crashed; starting a new one', {
        groupId: this.options.groupId,
        error: error?.message,
      });
      this.recovering ??= this.recover().finally(() => {
        this.recovering = null;
      });
    });

    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.options.topics], fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
        eachBatch: (payload) => this.eachBatch(payload),
      });
      await withTimeout(
        ready,
        joinTimeoutMs,
        `consumer group ${this.options.groupId} was not joined within ${this.settings.joinTimeoutMs} ms`,
        this.stopping.signal,
      );
      joined = true;
    } catch (err) {
      if (this.consumer === consumer) this.consumer = null;
      await consumer.disconnect().catch(() => undefined);
      throw err;
    }
  }

  private async recover(): Promise<void> {
    await pause(backoffMs(this.settings.reconnect, 1), this.stopping.signal);
    await this.join(null).catch(() => undefined);
  }

  /** New consumers, with backoff, until one is in the group; before `deadline` (ms), or forever. */
  private async join(deadline: number | null): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopping.signal.aborted) throw new Error('closed before the group was joined');
      try {
        await this.connectOnce(deadline === null ? this.settings.joinTimeoutMs : Math.max(0, deadline - Date.now()));
        this.enter('running', null);
        if (attempt > 1)
          this.bus.logger.info('consumer in its group', { groupId: this.options.groupId, attempts: attempt });
        return;
      } catch (err) {
        this.enter('reconnecting', err);
        const wait = backoffMs(this.settings.reconnect, attempt);
        if (this.stopping.signal.aborted || (deadline !== null && Date.now() + wait >= deadline)) throw err;
        this.bus.logger.warn('consumer could not join its group; will retry', {
          groupId: this.options.groupId,
          attempt,
          error: (err as Error).message,
        });
        await pause(wait, this.stopping.signal);
      }
    }
  }

  private async shutdown(): Promise<void> {
    this.stopping.abort();
    this.current = this.stateNow('stopped', null);
    const grace = setTimeout(() => this.abandoning.abort(), this.settings.shutdownGraceMs);
    try {
      await this.recovering;
      // Leaves the group, so the partitions move to the other members at once.
      await this.consumer?.disconnect();
    } finally {
      clearTimeout(grace);
      this.abandoning.abort();
      this.bus.forget(this);
    }
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    const { topic, partition } = batch;
    // Offsets are committed per batch, not per message: on Kafka 4 every commit waits for
    // the group coordinator's append linger (5 ms by default), which capped a consumer at
    // ~150 messages/s. Only offsets of finished messages are ever committed, so a crash
    // repeats at most the rest of one batch.
    let done: string | null = null;
    // Not consumer.commitOffsets(): once close() has begun, kafkajs silently drops that
    // commit (its runner is no longer "running"), and the messages a graceful shutdown
    // just finished would be delivered again. The batch's own commit still goes through.
    const commit = async () => {
      if (done === null) return;
      const offset = (BigInt(done) + 1n).toString();
      done = null;
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset }] }] });
    };
    let finished = false;
    try {
      for (const message of batch.messages) {
        if (this.stopping.signal.aborted || !isRunning() || isStale()) break;
        const handled = await this.process(
          topic,
          partition,
          message,
          heartbeat,
          () => !isRunning() || isStale(),
          commit,
        );
        // Not handled: the message stays uncommitted and unresolved; the next fetch (ours
        // or the partition's next owner's) starts from it again.
        if (!handled) break;
        resolveOffset(message.offset);
        done = message.offset;
      }
      finished = true;
    } finally {
      if (finished) {
        await commit();
      } else {
        // Already failing (typically a rebalance): keep what can be kept, report the first error.
        await commit().catch(() => undefined);
      }
    }
  }

  /** True once the message is handled or dead-lettered, i.e. its offset may be committed. */
  private async process(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
    lostPartition: () => boolean,
    commitDone: () => Promise<void>,
  ): Promise<boolean> {
    // Per message: aborted when the consumer stops, or when kafkajs says the group is
    // rebalancing, so a long retry cannot hold a rebalance up past its timeout.
    const stop = new AbortController();
    const onStop = () => stop.abort();
    this.stopping.signal.addEventListener('abort', onStop, { once: true });
    // A long handler or backoff must not look like a dead member to the coordinator.
    const beat = setInterval(
      () => {
        if (lostPartition()) stop.abort();
        heartbeat().catch(() => stop.abort());
      },
      Math.max(100, Math.floor(this.settings.heartbeatIntervalMs / 2)),
    );
    try {
      const outcome: DeliveryOutcome = await deliver(
        { topic, partition, offset: message.offset, value: message.value },
        this.handler,
        this.retry,
        // Messages finished before this one are committed before it waits to retry.
        { stop: stop.signal, abandon: this.abandoning.signal, beforeBackoff: commitDone },
      );
      if (outcome.kind === 'abandoned') return false;
      if (outcome.kind === 'handled') return true;
      return await this.deadLetter(
        {
          topic,
          partition,
          offset: message.offset,
          key: message.key ? message.key.toString('utf8') : null,
          value: message.value,
          headers: decodeHeaders(message.headers),
        },
        outcome.error,
        outcome.attempts,
        stop.signal,
      );
    } finally {
      clearInterval(beat);
      this.stopping.signal.removeEventListener('abort', onStop);
    }
  }

  private async deadLetter(
    failed: FailedMessage,
    error: unknown,
    attempts: number,
    stop: AbortSignal,
  ): Promise<boolean> {
    const letter = toDeadLetter(failed, error, attempts, this.settings.now());
    const record = deadLetterRecord(letter, failed.headers);
    const target = this.deadLetterTopic(failed.topic);
    // The offset moves on only once the dead letter is safely stored; until then the
    // partition waits, since skipping would lose the message.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.bus.sendRecord(target, record);
        this.bus.logger.warn('message dead-lettered', {
          topic: failed.topic,
          partition: failed.partition,
          offset: failed.offset,
          deadLetterTopic: target,
          attempts,
          error: `${letter.error.name}: ${letter.error.message}`,
        });
        return true;
      } catch (err) {
        if (stop.aborted) return false;
        this.bus.logger.error('could not write a dead letter; retrying', {
          topic: target,
          error: (err as Error).message,
        });
        await pause(backoffMs(this.retry, attempt), stop);
      }
    }
  }
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

function* chunks<T extends { value: string }>(messages: T[]): Generator<T[]> {
  let chunk: T[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = Buffer.byteLength(m.value);
    if (chunk.length > 0 && (chunk.length >= MAX_CHUNK_MESSAGES || bytes + size > MAX_CHUNK_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function isTopicAlreadyExists(err: unknown): boolean {
  const e = err as { type?: string; errors?: unknown[] } | null;
  if (e?.type === 'TOPIC_ALREADY_EXISTS') return true;
  return Array.isArray(e?.errors) && e.errors.length > 0 && e.errors.every(isTopicAlreadyExists);
}

/** Rejects after `ms`, or at once when `signal` aborts (the caller is closing). */
async function withTimeout<T>(promise: Promise<T>, ms: number, message: string, signal?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
        onAbort = () => reject(new Error('closed before the group was joined'));
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
