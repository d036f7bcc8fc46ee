import { CatchUpSubscription, type EventStore, type PostgresCheckpointStore } from '@aid/event-store';
import type { Worker } from '@aid/platform';
import { applyLiveBatch, ProjectionMovedError } from './live-batch';
import type { Projection } from './projection';
import type { RunInTransaction } from './transactions';

export interface ProjectionWorkerOptions {
  projection: Projection;
  schema: string;
  /** Payout's own event store: projections read nothing else. */
  store: Pick<EventStore, 'readAll'>;
  checkpoints: Pick<PostgresCheckpointStore, 'load' | 'storeWith'>;
  transactions: RunInTransaction;
  batchSize?: number;
  idleDelayMs?: number;
  log?: (line: string) => void;
}

export interface ProjectionWorker extends Worker {
  /** Projects everything committed so far; returns how many events it read (tests, tools). */
  catchUp(): Promise<number>;
}

/**
 * Keeps one projection's live tables following the event store: a catch-up subscription
 * whose every batch writes its rows and its checkpoint in one transaction. Every batch first
 * checks that the stored checkpoint is where this worker left it (see applyLiveBatch), so a
 * rebuild can switch the tables underneath it, and two instances of the service never apply
 * a batch twice (the second one finds the checkpoint moved and reloads it).
 */
export function projectionWorker(options: ProjectionWorkerOptions): ProjectionWorker {
  const { projection, schema } = options;
  const log = options.log ?? (() => undefined);
  const target = { schema, projection, checkpoints: options.checkpoints };
  // Where the subscription resumes from: what it loaded, then the end of each batch it applied.
  let after: string | null = null;

  const subscribe = () =>
    new CatchUpSubscription({
      subscriptionId: projection.subscriptionId,
      store: options.store,
      checkpoints: {
        load: async (id) => {
          after = await options.checkpoints.load(id);
          return after;
        },
        store: async () => {
          throw new Error('projection batches store their checkpoint in their own transaction');
        },
      },
      batchSize: options.batchSize ?? 1000,
      idleDelayMs: options.idleDelayMs ?? 100,
      handle: async (events, lastPosition) => {
        const positions = events.filter((e) => projection.eventTypes.includes(e.type)).map((e) => e.position);
        await options.transactions((sql) => applyLiveBatch(sql, target, after, positions, lastPosition));
        after = lastPosition;
        return 'checkpointed';
      },
      onError: (err) => {
        if (err instanceof ProjectionMovedError) {
          log(
            `projection ${projection.name}: its checkpoint moved (a rebuild switched tables in); resuming at ${err.actual ?? 'the start'}`,
          );
        } else log(`projection ${projection.name}: ${err instanceof Error ? err.message : String(err)}; will retry`);
      },
    });
  let subscription = subscribe();

  return {
    name: `payout:projection:${projection.name}`,
    async start() {
      subscription.start();
    },
    async stop() {
      await subscription.stop();
    },
    async catchUp() {
      try {
        return await subscription.catchUp();
      } catch (err) {
        if (!(err instanceof ProjectionMovedError)) throw err;
        // Switched by a rebuild: a fresh subscription loads the new checkpoint.
        subscription = subscribe();
        return subscription.catchUp();
      }
    },
  };
}
