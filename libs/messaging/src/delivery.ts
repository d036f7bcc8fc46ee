import { setTimeout as delay } from 'node:timers/promises';
import type { EventEnvelope } from '@aid/contracts';
import { isRetriable, type MessageContext, type MessageHandler, type RetryPolicy } from './port';
import { parseEnvelope } from './wire';

/**
 * What both adapters do with one consumed message, apart from fetching and committing:
 * parse, call the handler, retry with backoff, and decide when to give up. Keeping it in
 * one place is what lets one contract suite hold both adapters to the same semantics.
 */

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 5,
  initialBackoffMs: 100,
  maxBackoffMs: 5_000,
});

export function resolveRetryPolicy(policy: RetryPolicy | undefined): RetryPolicy {
  const p = policy ?? DEFAULT_RETRY_POLICY;
  if (!Number.isInteger(p.maxAttempts) || p.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be an integer >= 1, got ${p.maxAttempts}`);
  }
  if (!(p.initialBackoffMs >= 0) || !(p.maxBackoffMs >= p.initialBackoffMs)) {
    throw new RangeError('retry backoffs must satisfy 0 <= initialBackoffMs <= maxBackoffMs');
  }
  return { maxAttempts: p.maxAttempts, initialBackoffMs: p.initialBackoffMs, maxBackoffMs: p.maxBackoffMs };
}

/** The wait after failed attempt `attempt` (1-based): doubling from the initial backoff, capped. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** Math.max(0, attempt - 1));
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  value: Buffer | null;
}

export type DeliveryOutcome =
  | { kind: 'handled'; attempts: number }
  | { kind: 'dead-letter'; error: unknown; attempts: number }
  /** The consumer is stopping or lost the partition: leave the offset uncommitted. */
  | { kind: 'abandoned' };

export interface DeliveryControl {
  /** Aborted when the consumer stops or loses the partition: no new attempt starts, backoff ends. */
  stop: AbortSignal;
  /** Aborted when even the attempt in flight is no longer waited for (shutdown grace over). */
  abandon: AbortSignal;
  /** Runs once before each backoff wait (the Kafka adapter commits finished messages there). */
  beforeBackoff?: () => Promise<void>;
}

const ABANDONED = Symbol('abandoned');

export async function deliver(
  message: ConsumedMessage,
  handler: MessageHandler,
  policy: RetryPolicy,
  control: DeliveryControl,
): Promise<DeliveryOutcome> {
  let envelope: EventEnvelope;
  try {
    envelope = parseEnvelope(message.value);
  } catch (error) {
    return { kind: 'dead-letter', error, attempts: 0 };
  }
  for (let attempt = 1; ; attempt++) {
    if (control.stop.aborted) return { kind: 'abandoned' };
    const context: MessageContext = {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      attempt,
    };
    // A handler may have mutated the object it was given; each attempt sees a fresh one.
    const input = attempt === 1 ? envelope : parseEnvelope(message.value);
    const result = await raceAbandon(runHandler(handler, input, context), control.abandon);
    if (result === ABANDONED) return { kind: 'abandoned' };
    if (result.ok) return { kind: 'handled', attempts: attempt };
    if (!isRetriable(result.error) || attempt >= policy.maxAttempts) {
      return { kind: 'dead-letter', error: result.error, attempts: attempt };
    }
    if (control.stop.aborted) return { kind: 'abandoned' };
    await control.beforeBackoff?.();
    await pause(backoffMs(policy, attempt), control.stop);
  }
}

type Settled = { ok: true } | { ok: false; error: unknown };

function runHandler(handler: MessageHandler, envelope: EventEnvelope, context: MessageContext): Promise<Settled> {
  // Wrapped so that a handler throwing synchronously counts as a failed attempt too.
  return Promise.resolve()
    .then(() => handler(envelope, context))
    .then(
      (): Settled => ({ ok: true }),
      (error: unknown): Settled => ({ ok: false, error }),
    );
}

function raceAbandon<T>(work: Promise<T>, abandon: AbortSignal): Promise<T | typeof ABANDONED> {
  if (abandon.aborted) return Promise.resolve(ABANDONED);
  return new Promise((resolve) => {
    const onAbort = () => resolve(ABANDONED);
    abandon.addEventListener('abort', onAbort, { once: true });
    void work.then((value) => {
      abandon.removeEventListener('abort', onAbort);
      resolve(value);
    });
  });
}

/** Waits `ms`, or less when `signal` aborts first; never rejects. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return;
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // aborted: the caller checks the signal
  }
}
