import { ident, type ProjectionDefinition, type Sql } from '../projection/projection';
import { inTransaction } from '../projection/transactions';
import { withConnection, type RebuildContext } from './context';

export interface TableChecksum {
  rows: number;
  md5: string;
}

export interface TableComparison {
  projection: string;
  table: string;
  live: TableChecksum;
  rebuilt: TableChecksum;
  equal: boolean;
}

/** Row count and md5 of a table's rows in key order, in SQL (each row as PostgreSQL prints it). */
export async function tableChecksum(
  sql: Sql,
  schema: string,
  table: string,
  key: readonly string[],
): Promise<TableChecksum> {
  const order = key.map((k) => `r.${ident(k)}`).join(', ');
  const { rows } = await sql.query<{ rows: string; md5: string }>(
    `select count(*)::bigint as rows, md5(coalesce(string_agg(md5(r::text), '' order by ${order}), '')) as md5
       from ${ident(schema)}.${ident(table)} r`,
  );
  return { rows: Number(rows[0].rows), md5: rows[0].md5 };
}

/**
 * Phase 5: each table, live and rebuilt, checksummed while both stand at the same position
 * (the live writers are paused; reads go on), `parallelism` tables at a time.
 */
export async function compareTables(ctx: RebuildContext, parallelism: number): Promise<TableComparison[]> {
  const jobs = ctx.projections.flatMap((p: ProjectionDefinition) =>
    p.tables.flatMap((t) => [
      { p, t, schema: ctx.schema },
      { p, t, schema: ctx.shadow },
    ]),
  );
  const sums = new Map<(typeof jobs)[number], TableChecksum>();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallelism, jobs.length) }, () =>
      withConnection(ctx.pool, async (client) => {
        for (let i = next++; i < jobs.length; i = next++) {
          const job = jobs[i];
          sums.set(
            job,
            await inTransaction(client, async (sql) => {
              await sql.query(`set local work_mem = '256MB'`);
              return tableChecksum(sql, job.schema, job.t.name, job.t.key);
            }),
          );
        }
      }),
    ),
  );
  const tables: TableComparison[] = [];
  for (let i = 0; i < jobs.length; i += 2) {
    const live = sums.get(jobs[i]) as TableChecksum;
    const rebuilt = sums.get(jobs[i + 1]) as TableChecksum;
    tables.push({
      projection: jobs[i].p.name,
      table: jobs[i].t.name,
      live,
      rebuilt,
      equal: live.rows === rebuilt.rows && live.md5 === rebuilt.md5,
    });
  }
  return tables;
}
