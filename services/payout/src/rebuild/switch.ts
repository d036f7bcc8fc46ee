import { ident } from '../projection/projection';
import { inTransaction } from '../projection/transactions';
import type { RebuildContext } from './context';

/**
 * Phase 6, one short transaction: the live tables move out to the retired schema, the
 * rebuilt ones and their checkpoint (`position`) become the live ones. A query waits at most
 * for this transaction; the live worker finds its checkpoint moved and resumes from it.
 */
export async function switchReads(ctx: RebuildContext, position: string | null): Promise<void> {
  const { schema, shadow, retired } = ctx;
  const checkpoints = ctx.store.checkpoints();
  await inTransaction(ctx.control, async (sql) => {
    // Waits for queries already reading the live tables; new ones queue behind for the
    // moment it takes, then read the rebuilt tables.
    await sql.query(`set local lock_timeout = '60s'`);
    await sql.query(`create schema ${ident(retired)}`);
    for (const p of ctx.projections) {
      for (const t of p.tables) {
        await sql.query(`alter table ${ident(schema)}.${ident(t.name)} set schema ${ident(retired)}`);
        await sql.query(`alter table ${ident(shadow)}.${ident(t.name)} set schema ${ident(schema)}`);
      }
      if (position === null) {
        await sql.query(`delete from ${ident(schema)}.checkpoints where subscription_id = $1`, [p.subscriptionId]);
      } else {
        await checkpoints.storeWith(sql, p.subscriptionId, position);
      }
    }
  });
}
