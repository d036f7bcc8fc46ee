import { ident, type Sql } from '../projection/projection';

/**
 * Phase 3 (for bulk-loaded tables, once their rows are in): gives a table in `shadow` the
 * keys, unique constraints and indexes its namesake has in `live`, under the same names.
 * Runs in the caller's transaction.
 */
export async function copyIndexes(sql: Sql, live: string, shadow: string, table: string): Promise<void> {
  // With nothing on the search path, pg_get_indexdef names every table with its schema.
  await sql.query('set local search_path = pg_catalog');
  const liveTable = `${ident(live)}.${ident(table)}`;
  const { rows: constraints } = await sql.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = $1::regclass and contype in ('p', 'u', 'x') order by conname`,
    [liveTable],
  );
  for (const c of constraints)
    await sql.query(`alter table ${ident(shadow)}.${ident(table)} add constraint ${ident(c.name)} ${c.def}`);
  const { rows: indexes } = await sql.query<{ def: string }>(
    `select replace(pg_get_indexdef(x.indexrelid),
                    ' ON ' || quote_ident($2) || '.' || quote_ident($4) || ' ',
                    ' ON ' || quote_ident($3) || '.' || quote_ident($4) || ' ') as def
       from pg_index x
      where x.indrelid = $1::regclass
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
      order by x.indexrelid`,
    [liveTable, live, shadow, table],
  );
  for (const i of indexes) await sql.query(i.def);
}
