import type { EventEnvelope } from '@aid/contracts';

/**
 * The project's own narrow port around a message broker. Handlers see only this; the
 * Kafka adapter (kafkajs) and the in-process adapter both implement it and pass one
 * contract suite, so a maintained Kafka client can replace kafkajs without touching them.
 */
export interface MessageBus {
  /** Resolves once every message is acknowledged by the broker, in order per partition key. */
  publish(topic: string, messages: readonly EventEnvelope[]): Promise<void>;
  /** Starts a consumer in a group; resolves once it is subscribed and consuming. */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Creates topics if missing (idempotent). */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /** Whether the broker answers now; never throws, and gives up within a few seconds. */
  status(): Promise<BrokerStatus>;
  close(): Promise<void>;
}

export interface BrokerStatus {
  connected: boolean;
  /** Why not, when not connected. */
  error?: string;
}

export interface SubscribeOptions {
  groupId: string;
  topics: readonly string[];
  /** Read from the earliest offset when the group has none committed yet (default true). */
  fromBeginning?: boolean;
  handler: MessageHandler;
  retry?: RetryPolicy;
  /** Topic that receives a message after its last failed attempt; default `<topic>.dlq`. */
  deadLetterTopic?: (topic: string) => string;
  /** Aborting it while subscribe waits (to connect, to join) makes subscribe give up and reject. */
  signal?: AbortSignal;
}

export type MessageHandler = (message: EventEnvelope, context: MessageContext) => Promise<void>;

export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
  /** 1 for the first attempt. */
  attempt: number;
}

export interface RetryPolicy {
  /** Attempts in all, the first included (default 5). */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export interface Subscription {
  close(): Promise<void>;
  /** How the consumer is doing now; it recovers from broker errors by itself while not closed. */
  status(): ConsumerStatus;
}

/**
 * `running`: in its group and consuming. `reconnecting`: it lost the broker or its group and
 * is getting back by itself (lastError says why). `stopped`: closed; it will not come back.
 */
export type ConsumerState = 'running' | 'reconnecting' | 'stopped';

export interface ConsumerStatus {
  state: ConsumerState;
  /** The error that made it reconnect, while it does; null otherwise. */
  lastError: string | null;
  /** When it entered this state (ISO 8601). */
  since: string;
}

/** What a dead-letter topic holds: the original message untouched, and why it failed. */
export interface DeadLetter {
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  /** The original message value, byte for byte, as a UTF-8 string. */
  originalValue: string;
  /**
   * Absent (or 'utf8') when the value was valid UTF-8; 'base64' when it was not, since
   * arbitrary bytes cannot survive a JSON string otherwise.
   */
  originalValueEncoding?: 'utf8' | 'base64';
  originalKey: string | null;
  error: { name: string; message: string; retriable: boolean };
  attempts: number;
  failedAt: string;
}

/**
 * Errors say whether trying again can help. A handler throws NonRetriableError for input
 * that will never succeed (a schema violation): it goes to the dead-letter topic at once.
 */
export class NonRetriableError extends Error {
  readonly retriable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetriableError';
  }
}

export function isRetriable(error: unknown): boolean {
  return !(error instanceof Error && (error as { retriable?: boolean }).retriable === false);
}
