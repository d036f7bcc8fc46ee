import { projectionCatchUp } from '../projection/catch-up';
import { liveCatchUp, liveCheckpoint } from '../projection/live-batch';
import {
  applyEvents,
  eventsAt,
  handledPositions,
  projectionLockKey,
  type ProjectionDefinition,
} from '../projection/projection';
import { inTransaction, type RunInTransaction } from '../projection/transactions';
import { RebuildError, type RebuildContext } from './context';

/** Events per batch once the replay is done (catching up, in the store's order). */
const CATCH_UP_BATCH = 5_000;

const onControl =
  (ctx: RebuildContext): RunInTransaction =>
  (fn) =>
    inTransaction(ctx.control, fn);

/**
 * Pauses the live projections' writers until the rebuild ends: the session holds the
 * advisory lock every live batch takes (applyLiveBatch). Reads go on.
 */
export async function pauseLiveWriters(ctx: RebuildContext): Promise<void> {
  for (const p of ctx.projections) {
    await ctx.control.query('select pg_advisory_lock(hashtext($1))', [projectionLockKey(ctx.schema, p.name)]);
  }
}

/**
 * Phase 4a: what arrived since the replay's horizon, in the store's order, into the shadow
 * tables, through the catch-up loop the live worker runs (only the target differs). The
 * shadow's position is stored by the switch.
 */
export async function catchUpShadow(
  ctx: RebuildContext,
  from: string | null,
): Promise<{ events: number; position: string | null }> {
  let events = 0;
  const shadow = projectionCatchUp({
    subscriptionId: 'rebuild',
    store: ctx.store,
    load: async () => from,
    transactions: onControl(ctx),
    batchSize: CATCH_UP_BATCH,
    write: async (sql, batch) => {
      for (const p of ctx.projections) {
        const positions = handledPositions(p, batch.events);
        if (positions.length > 0) await applyEvents(sql, p, ctx.shadow, eventsAt(ctx.schema, positions));
      }
      events += batch.events.length;
    },
  });
  await shadow.subscription.catchUp();
  return { events, position: shadow.position() };
}

/**
 * Phase 4b: the live tables brought to exactly the shadow's position, batch by batch, by the
 * live worker's own catch-up (same statements, same checkpoint), so that both can be compared.
 */
export async function catchUpLive(
  ctx: RebuildContext,
  projection: ProjectionDefinition,
  until: string | null,
): Promise<void> {
  if (until === null) {
    const at = await liveCheckpoint(ctx.control, ctx.schema, projection);
    if (at !== null)
      throw new RebuildError(`projection ${projection.name} has a checkpoint (${at}) but the store has no events`);
    return;
  }
  const live = liveCatchUp(
    { schema: ctx.schema, projection, checkpoints: ctx.store.checkpoints() },
    { store: ctx.store, transactions: onControl(ctx), until, batchSize: CATCH_UP_BATCH },
  );
  await live.subscription.catchUp();
  if (live.position() !== until)
    throw new RebuildError(
      `projection ${projection.name}: its checkpoint ${live.position() ?? '(none)'} is not before position ${until}`,
    );
}
