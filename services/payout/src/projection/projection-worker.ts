import type { EventStore, PostgresCheckpointStore } from '@aid/event-store';
import type { Worker } from '@aid/platform';
import type { ProjectionCatchUp } from './catch-up';
import { liveCatchUp, ProjectionMovedError } from './live-batch';
import type { ProjectionDefinition } from './projection';
import type { RunInTransaction } from './transactions';

export interface ProjectionWorkerOptions {
  projection: ProjectionDefinition;
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
 * Keeps one projection's live tables following the event store (liveCatchUp): every batch
 * writes its rows and its checkpoint in one transaction, and first checks that the stored
 * checkpoint is where this worker left it, so a rebuild can switch the tables underneath
 * it, and two instances of the service never apply a batch twice (the second one finds the
 * checkpoint moved and reloads it).
 */
export function projectionWorker(options: ProjectionWorkerOptions): ProjectionWorker {
  const { projection, schema } = options;
  const log = options.log ?? (() => undefined);
  const subscribe = (): ProjectionCatchUp =>
    liveCatchUp(
      { schema, projection, checkpoints: options.checkpoints },
      {
        store: options.store,
        transactions: options.transactions,
        batchSize: options.batchSize,
        idleDelayMs: options.idleDelayMs,
        onError: (err) => {
          if (err instanceof ProjectionMovedError) {
            log(
              `projection ${projection.name}: its checkpoint moved (a rebuild switched tables in); resuming at ${err.actual ?? 'the start'}`,
            );
          } else log(`projection ${projection.name}: ${err instanceof Error ? err.message : String(err)}; will retry`);
        },
      },
    );
  let live = subscribe();

  return {
    name: `payout:projection:${projection.name}`,
    async start() {
      live.subscription.start();
    },
    async stop() {
      await live.subscription.stop();
    },
    async catchUp() {
      try {
        return await live.subscription.catchUp();
      } catch (err) {
        if (!(err instanceof ProjectionMovedError)) throw err;
        // Switched by a rebuild: a fresh subscription loads the new checkpoint.
        live = subscribe();
        return live.subscription.catchUp();
      }
    },
  };
}
