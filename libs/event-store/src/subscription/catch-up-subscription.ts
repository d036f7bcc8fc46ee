import type { CheckpointStore, EventStore, RecordedEvent } from '../port';

export interface CatchUpSubscriptionOptions {
  subscriptionId: string;
  store: Pick<EventStore, 'readAll'>;
  checkpoints: CheckpointStore;
  /**
   * Handles one batch in global order. Delivery is at least once: a batch whose checkpoint
   * was not stored comes again after a restart. Return `'checkpointed'` when the handler
   * stored the checkpoint itself, in the same transaction as its own writes.
   */
  handle(events: RecordedEvent[], lastPosition: string): Promise<void | 'checkpointed'>;
  batchSize?: number;
  /** Wait between polls once caught up (default 100 ms). */
  idleDelayMs?: number;
  /** Called when a batch fails; the batch is retried after the idle delay. */
  onError?: (error: unknown) => void;
}

/**
 * Reads the store from its stored checkpoint, batch by batch, and keeps following it.
 * The read order is the store's commit-safe global order, so nothing committed late is
 * ever skipped.
 */
export class CatchUpSubscription {
  private position: string | null = null;
  private loaded = false;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: CatchUpSubscriptionOptions) {}

  /** Processes at most one batch; returns how many events it handled. */
  async processNextBatch(): Promise<number> {
    if (!this.loaded) {
      this.position = await this.options.checkpoints.load(this.options.subscriptionId);
      this.loaded = true;
    }
    const events = await this.options.store.readAll({ after: this.position, maxCount: this.options.batchSize ?? 1000 });
    if (events.length === 0) return 0;
    const last = events[events.length - 1].position;
    const outcome = await this.options.handle(events, last);
    if (outcome !== 'checkpointed') await this.options.checkpoints.store(this.options.subscriptionId, last);
    this.position = last;
    return events.length;
  }

  /** Processes batches until the store has nothing more to give right now. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.processNextBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    const idle = this.options.idleDelayMs ?? 100;
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.processNextBatch();
      } catch (err) {
        // The position stays where it was, so the failed batch is read again next time.
        this.loaded = false;
        this.options.onError?.(err);
      }
      if (handled === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idle);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }
}
