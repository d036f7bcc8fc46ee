// Loads many events fast, server-side (INSERT ... SELECT over generate_series, 10,000 rows
// a transaction), into the project's events table or into Emmett's emt_messages. The rows
// are the same events bench/lib/common.mjs builds in Node (eventSqlExpressions).
import { EVENT_TYPE, eventSqlExpressions, log, now, round } from './common.mjs';

const CHUNK = 10_000;

async function inChunks(client, count, sql, label) {
  const started = now();
  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK) - 1;
    await client.query(sql, [start, end]);
  }
  const seconds = (now() - started) / 1000;
  log(`loaded ${count} events into ${label} in ${round(seconds, 1)} s (${Math.round(count / seconds)}/s)`);
  return seconds;
}

/** Fills `<schema>.events` and `<schema>.streams` of the project's store with `count` events. */
export async function loadOurEvents(client, schema, count) {
  const e = eventSqlExpressions('g.i');
  // Inserting into four B-trees row by row loads ~11k rows/s here; building the secondary
  // indexes once afterwards is several times faster and ends with the same table. The
  // definitions are read from the catalog, so they stay those of the store's own DDL.
  const { rows: indexes } = await client.query(
    `select c.conname as constraint_name, pg_get_constraintdef(c.oid) as def, null as index_def
       from pg_constraint c
      where c.conrelid = '${schema}.events'::regclass and c.contype = 'u'
     union all
     select null, null, pg_get_indexdef(i.indexrelid)
       from pg_index i
      where i.indrelid = '${schema}.events'::regclass and not i.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
  );
  await client.query(`set maintenance_work_mem = '512MB'`);
  for (const ix of indexes) {
    if (ix.constraint_name) await client.query(`alter table ${schema}.events drop constraint ${ix.constraint_name}`);
    else await client.query(`drop index ${schema}.${/^CREATE (?:UNIQUE )?INDEX (\S+)/.exec(ix.index_def)[1]}`);
  }
  const seconds = await inChunks(
    client,
    count,
    `insert into ${schema}.events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
     select ${e.stream}, ${e.version}, g.id, '${EVENT_TYPE}', 1, ${e.data}, ${e.metadata('g.id')}
       from (select i, gen_random_uuid() as id from generate_series($1::bigint, $2::bigint) i) g
      order by g.i`,
    `${schema}.events`,
  );
  const indexStarted = now();
  for (const ix of indexes) {
    if (ix.constraint_name)
      await client.query(`alter table ${schema}.events add constraint ${ix.constraint_name} ${ix.def}`);
    else await client.query(ix.index_def);
  }
  log(`rebuilt ${indexes.length} indexes of ${schema}.events in ${round((now() - indexStarted) / 1000, 1)} s`);
  await client.query(
    `insert into ${schema}.streams (stream_id, version)
     select stream_id, max(stream_version) from ${schema}.events group by stream_id`,
  );
  await client.query(`vacuum (analyze) ${schema}.events`);
  await client.query(`vacuum (analyze) ${schema}.streams`);
  return seconds;
}

/** Fills Emmett 0.42's emt_messages / emt_streams (default partition) with the same events. */
export async function loadEmmettEvents(client, count) {
  const e = eventSqlExpressions('g.i');
  const seconds = await inChunks(
    client,
    count,
    `insert into emt_messages (stream_id, stream_position, partition, message_kind, message_data, message_metadata,
                               message_schema_version, message_type, message_id, is_archived, transaction_id)
     select ${e.stream}, ${e.version}, 'emt:default', 'E', ${e.data}, ${e.metadata('g.id')},
            '1', '${EVENT_TYPE}', g.id::text, false, pg_current_xact_id()
       from (select i, gen_random_uuid() as id from generate_series($1::bigint, $2::bigint) i) g
      order by g.i`,
    'emt_messages',
  );
  await client.query(
    `insert into emt_streams (stream_id, stream_position, partition, stream_type, stream_metadata, is_archived)
     select stream_id, max(stream_position), 'emt:default', 'emt:unknown', '{}'::jsonb, false
       from emt_messages group by stream_id`,
  );
  await client.query('vacuum (analyze) emt_messages');
  await client.query('vacuum (analyze) emt_streams');
  return seconds;
}

/** Average stored size of a row and the table's total size, for the report. */
export async function tableFacts(client, table) {
  const { rows } = await client.query(
    `select (select round(avg(pg_column_size(t.*))) from (select * from ${table} limit 10000) t) as avg_row_bytes,
            pg_total_relation_size('${table}') as total_bytes`,
  );
  return { avgRowBytes: Number(rows[0].avg_row_bytes), totalMiB: round(Number(rows[0].total_bytes) / 2 ** 20) };
}
