import type { EventEnvelope } from '@aid/contracts';
import { CatchUpSubscription, type CheckpointStore, type EventStore } from '@aid/event-store';
import type { MessageBus } from '@aid/messaging';
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
  /** Which stored events reach the topic, and in what public shape: the producer's mapping. */
  toPublic: ToPublic;
  onError?: (error: unknown) => void;
  onPublished?: (count: number, lastPosition: string) => void;
}

/**
 * Outbox relay: follows the service's event store in global order from a stored checkpoint
 * and publishes to Kafka. The checkpoint moves only after the broker acknowledged the
 * batch, so a relay killed mid-batch republishes at most that batch; consumers are
 * idempotent by event id, which makes the repeat harmless.
 */
export class Relay {
  private readonly subscription: CatchUpSubscription;

  constructor(private readonly options: RelayOptions) {
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
        if (envelopes.length > 0) await options.bus.publish(options.topic, envelopes);
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

  stop(): Promise<void> {
    return this.subscription.stop();
  }
}
