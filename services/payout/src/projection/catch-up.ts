import { CatchUpSubscription, type EventStore, type RecordedEvent } from '@aid/event-store';
import type { Sql } from './projection';
import type { RunInTransaction } from './transactions';

/** One batch read from the store, in its order: where the target stood, the events, where it ends. */
export interface CatchUpBatch {
  after: string | null;
  events: RecordedEvent[];
  lastPosition: string;
}

export interface ProjectionCatchUpOptions {
  subscriptionId: string;
  store: Pick<EventStore, 'readAll'>;
  /** Where the target stands now (its stored checkpoint); read again after a failed batch. */
  load(): Promise<string | null>;
  /** Writes one batch into the target, rows and position together, inside `sql`'s transaction. */
  write(sql: Sql, batch: CatchUpBatch): Promise<void>;
  transactions: RunInTransaction;
  /** Stops at this position of the store (a rebuild brings tables exactly there); default: the end. */
  until?: string;
  batchSize?: number;
  idleDelayMs?: number;
  onError?: (err: unknown) => void;
}

export interface ProjectionCatchUp {
  subscription: CatchUpSubscription;
  /** Where the target stands: what was loaded, then the end of each batch written. */
  position(): string | null;
}

/**
 * The one catch-up loop of payout's projections: the live worker follows the store with it,
 * and a rebuild uses it to bring its shadow tables, then the live ones, to the same position.
 * Each batch is written in one transaction with its position; `after` is where the target
 * stood, so a writer can check nobody moved it in between (see applyLiveBatch).
 */
export function projectionCatchUp(options: ProjectionCatchUpOptions): ProjectionCatchUp {
  let after: string | null = null;
  const { until } = options;
  const readAll: EventStore['readAll'] =
    until === undefined
      ? (o) => options.store.readAll(o)
      : async (o) => {
          if (o?.after === until) return [];
          const batch = await options.store.readAll(o);
          const end = batch.findIndex((e) => e.position === until);
          return end >= 0 ? batch.slice(0, end + 1) : batch;
        };
  const subscription = new CatchUpSubscription({
    subscriptionId: options.subscriptionId,
    store: { readAll },
    checkpoints: {
      load: async () => {
        after = await options.load();
        return after;
      },
      store: async () => {
        throw new Error('projection batches store their position in their own transaction');
      },
    },
    batchSize: options.batchSize ?? 1000,
    idleDelayMs: options.idleDelayMs ?? 100,
    handle: async (events, lastPosition) => {
      const from = after;
      await options.transactions((sql) => options.write(sql, { after: from, events, lastPosition }));
      after = lastPosition;
      return 'checkpointed';
    },
    onError: options.onError,
  });
  return { subscription, position: () => after };
}
