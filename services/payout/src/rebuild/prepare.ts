import { ident } from '../projection/projection';
import { RebuildError, type RebuildContext } from './context';

/**
 * Phase 1: a shadow schema beside the live one, with empty copies of the projections'
 * tables: `create table ... (like <live> including all)`, so the live table's current shape
 * whatever migrations made it (columns, defaults, checks and, unless it is bulk loaded, its
 * keys and indexes; a bulk-loaded table gets those after the replay, see indexes.ts).
 */
export async function prepareShadow(ctx: RebuildContext): Promise<void> {
  const { control, schema, shadow, projections } = ctx;
  const { rows } = await control.query<{ name: string; exists: boolean }>(
    `select t.name, to_regclass(format('%I.%I', $1::text, t.name)) is not null as exists from unnest($2::text[]) as t(name)`,
    [schema, ['events', 'checkpoints', ...projections.flatMap((p) => p.tables.map((t) => t.name))]],
  );
  const missing = rows.filter((r) => !r.exists).map((r) => r.name);
  if (missing.length > 0) {
    throw new RebuildError(
      `schema ${schema} has no ${missing.join(', ')}: run payout's migrations first (the service does at start)`,
    );
  }
  await dropShadow(ctx);
  await control.query(`create schema ${ident(shadow)}`);
  for (const p of projections) {
    for (const t of p.tables) {
      await control.query(
        `create table ${ident(shadow)}.${ident(t.name)}
           (like ${ident(schema)}.${ident(t.name)} including all${t.bulkLoaded ? ' excluding indexes' : ''})`,
      );
    }
  }
}

/** What a failed rebuild leaves, or the old tables of a finished one. */
export async function dropShadow(ctx: Pick<RebuildContext, 'control' | 'shadow' | 'retired'>): Promise<void> {
  await ctx.control.query(`drop schema if exists ${ident(ctx.retired)} cascade`);
  await ctx.control.query(`drop schema if exists ${ident(ctx.shadow)} cascade`);
}
