import type { EventStore, PostgresCheckpointStore } from '@aid/event-store';
import { projectionCatchUp, type ProjectionCatchUp, type ProjectionCatchUpOptions } from './catch-up';
import {
  applyEvents,
  eventsAt,
  handledPositions,
  ident,
  projectionLockKey,
  type ProjectionDefinition,
  type Sql,
} from './projection';
import type { RunInTransaction } from './transactions';

/**
 * The projection's live checkpoint is not where this writer thought it was: a rebuild has
 * switched the tables (and their checkpoint) underneath it. Nothing was written; the writer
 * reloads the checkpoint and goes on from there.
 */
export class ProjectionMovedError extends Error {
  readonly retriable = true;
  constructor(
    readonly projection: string,
    readonly expected: string | null,
    readonly actual: string | null,
  ) {
    super(
      `projection ${projection}: checkpoint is at ${actual ?? 'the start'}, not ${expected ?? 'the start'} (the tables were rebuilt)`,
    );
    this.name = 'ProjectionMovedError';
  }
}

/** A projection's live tables, in the service's schema, and the store's checkpoints beside them. */
export interface LiveTarget {
  schema: string;
  projection: ProjectionDefinition;
  checkpoints: Pick<PostgresCheckpointStore, 'load' | 'storeWith'>;
}

/** Reads a projection's live checkpoint. */
export async function liveCheckpoint(
  sql: Sql,
  schema: string,
  projection: ProjectionDefinition,
): Promise<string | null> {
  const { rows } = await sql.query<{ position: string }>(
    `select position from ${ident(schema)}.checkpoints where subscription_id = $1`,
    [projection.subscriptionId],
  );
  return rows[0]?.position ?? null;
}

/**
 * Applies one batch to a projection's live tables and moves its checkpoint, inside the
 * caller's transaction: the rows and the checkpoint commit together or not at all.
 *
 * The advisory lock serialises every writer of the live tables (the projection worker, and a
 * rebuild catching the old tables up before it switches them); `after` must be the stored
 * checkpoint, so a batch read before a switch is never applied after it.
 */
export async function applyLiveBatch(
  sql: Sql,
  target: LiveTarget,
  after: string | null,
  positions: readonly string[],
  lastPosition: string,
): Promise<void> {
  const { schema, projection, checkpoints } = target;
  await sql.query('select pg_advisory_xact_lock(hashtext($1))', [projectionLockKey(schema, projection.name)]);
  const stored = await liveCheckpoint(sql, schema, projection);
  if (stored !== after) throw new ProjectionMovedError(projection.name, after, stored);
  if (positions.length > 0) await applyEvents(sql, projection, schema, eventsAt(schema, positions));
  await checkpoints.storeWith(sql, projection.subscriptionId, lastPosition);
}

/**
 * The live tables following the store: the catch-up loop, each batch applied with
 * applyLiveBatch. The live worker runs it for ever; a rebuild runs it up to the position its
 * shadow tables stand at (`until`), in its own transactions, before it compares the two.
 */
export function liveCatchUp(
  target: LiveTarget,
  options: {
    store: Pick<EventStore, 'readAll'>;
    transactions: RunInTransaction;
  } & Pick<ProjectionCatchUpOptions, 'until' | 'batchSize' | 'idleDelayMs' | 'onError'>,
): ProjectionCatchUp {
  const { projection } = target;
  return projectionCatchUp({
    ...options,
    subscriptionId: projection.subscriptionId,
    load: () => target.checkpoints.load(projection.subscriptionId),
    write: (sql, batch) =>
      applyLiveBatch(sql, target, batch.after, handledPositions(projection, batch.events), batch.lastPosition),
  });
}
