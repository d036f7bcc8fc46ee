import type { EventEnvelope } from '@aid/contracts';
import { CatchUpSubscription, type CheckpointStore, type EventStore } from '@aid/event-store';
import { pause, type MessageBus } from '@aid/messaging';
import { toEnvelope, type ToPublic } from './to-envelope';

export interface RelayOptions {
  /** Names the checkpoint, e.g. `relay:claims`. */
  relayId: string;
  store: Pick<EventStore, 'readAll'>;
  checkpoints: CheckpointStore;
  bus: Pick<MessageBus, 'publish'>;
  /** The producing service's topic, e.g. `aid.claims.v1`. */
  topic: string;
  /** Events published per broker round trip; also the most a crash can make it repeat. */
  batchSize?: number;
  idleDelayMs?: number;
  /**
   * Waits after a failed publish before the same batch is tried again: doubling from the
   * first, capped (default 200 ms to 5 s). It tries again for as long as it runs.
   */
  retryBackoff?: { initialMs: number; maxMs: number };
  /** The most events `status()` counts in the backlog (default 1 000); more reads as "at least". */
  backlogCountLimit?: number;
  /** Clock for `status()`. */
  now?: () => Date;
  /** Which stored events reach the topic, and in what public shape: the producer's mapping. */
  toPublic: ToPublic;
  onError?: (error: unknown) => void;
  onPublished?: (count: number, lastPosition: string) => void;
}

export interface RelayStatus {
  /** `failing` once a publish failed and until one succeeds. */
  state: 'publishing' | 'failing';
  lastError: string | null;
  /** When the first of the failures in a row happened (ISO 8601); null when not failing. */
  failingSince: string | null;
  /** Events stored after the relay's checkpoint, i.e. not yet on the topic (or kept home by the mapping). */
  pending: number;
  /** True when `pending` hit the count limit: there are at least that many. */
  pendingAtLeast: boolean;
  /** When the oldest pending event was stored (ISO 8601), and how long ago; null when none is pending. */
  oldestPendingAt: string | null;
  oldestPendingAgeMs: number | null;
}

/**
 * Outbox relay: follows the service's event store in global order from a stored checkpoint
 * and publishes to Kafka. The checkpoint moves only after the broker acknowledged the
 * batch, so a relay killed mid-batch republishes at most that batch; consumers are
 * idempotent by event id, which makes the repeat harmless. A failed publish is retried,
 * the same batch from the same checkpoint, with backoff, until the broker takes it: the
 * order per key and the at-least-once delivery hold across a broker outage of any length.
 */
export class Relay {
  private readonly subscription: CatchUpSubscription;
  private readonly stopping = new AbortController();
  private failures = 0;
  private lastError: string | null = null;
  private failingSince: Date | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: RelayOptions) {
    this.now = options.now ?? (() => new Date());
    const backoff = options.retryBackoff ?? { initialMs: 200, maxMs: 5_000 };
    this.subscription = new CatchUpSubscription({
      subscriptionId: options.relayId,
      store: options.store,
      checkpoints: options.checkpoints,
      batchSize: options.batchSize ?? 500,
      idleDelayMs: options.idleDelayMs ?? 50,
      onError: options.onError,
      handle: async (events, lastPosition) => {
        const envelopes: EventEnvelope[] = [];
        for (const e of events) {
          const published = options.toPublic(e);
          if (published) envelopes.push(toEnvelope(e, published));
        }
        try {
          if (envelopes.length > 0) await options.bus.publish(options.topic, envelopes);
        } catch (err) {
          this.failures++;
          this.failingSince ??= this.now();
          this.lastError = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
          await pause(Math.min(backoff.maxMs, backoff.initialMs * 2 ** (this.failures - 1)), this.stopping.signal);
          throw err;
        }
        this.failures = 0;
        this.failingSince = null;
        this.lastError = null;
        options.onPublished?.(envelopes.length, lastPosition);
      },
    });
  }

  start(): void {
    this.subscription.start();
  }

  /** Publishes everything committed so far, then returns how many events it read. */
  drain(): Promise<number> {
    return this.subscription.catchUp();
  }

  /** How far behind the store the topic is, and whether publishing works; reads the store. */
  async status(): Promise<RelayStatus> {
    const limit = this.options.backlogCountLimit ?? 1_000;
    const after = await this.options.checkpoints.load(this.options.relayId);
    const pending = await this.options.store.readAll({ after, maxCount: limit });
    const oldest = pending[0]?.recordedAt ?? null;
    return {
      state: this.failingSince ? 'failing' : 'publishing',
      lastError: this.lastError,
      failingSince: this.failingSince?.toISOString() ?? null,
      pending: pending.length,
      pendingAtLeast: pending.length >= limit,
      oldestPendingAt: oldest?.toISOString() ?? null,
      oldestPendingAgeMs: oldest ? Math.max(0, this.now().getTime() - oldest.getTime()) : null,
    };
  }

  stop(): Promise<void> {
    this.stopping.abort();
    return this.subscription.stop();
  }
}
