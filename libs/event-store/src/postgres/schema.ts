/** The DDL of one service's event store, all inside that service's own schema. */

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!IDENTIFIER.test(schema)) {
    throw new Error(`schema: "${schema}" must be a lower-case SQL identifier`);
  }
  return schema;
}

export function eventStoreDdl(schema: string): string {
  const s = assertSchemaName(schema);
  // transaction_id orders the global read: a reader only sees transactions older than the
  // oldest one still running (pg_snapshot_xmin), and in (transaction_id, global_position)
  // order, so an append that commits late can never be skipped (docs/adr/0003).
  return `
create schema if not exists ${s};

create table if not exists ${s}.streams (
  stream_id text primary key,
  version bigint not null
);

create table if not exists ${s}.events (
  global_position bigint generated always as identity primary key,
  transaction_id xid8 not null default pg_current_xact_id(),
  stream_id text not null,
  stream_version bigint not null,
  event_id uuid not null,
  event_type text not null,
  schema_version integer not null,
  data jsonb not null,
  metadata jsonb not null,
  recorded_at timestamptz not null default now(),
  constraint events_stream_version_key unique (stream_id, stream_version),
  constraint events_event_id_key unique (event_id)
);

create index if not exists events_global_order on ${s}.events (transaction_id, global_position);

create table if not exists ${s}.checkpoints (
  subscription_id text primary key,
  position text not null,
  updated_at timestamptz not null default now()
);

-- The hash chain over the events in commit order (docs/audit.md), written after the fact by
-- the chainer so that appends never wait on it. seq is the place in the chain; the last
-- row is the chainer's checkpoint. No foreign key: a deleted event must leave its trace here.
create table if not exists ${s}.event_hashes (
  seq bigint primary key,
  global_position bigint not null unique,
  event_id uuid not null,
  stream_id text not null,
  stream_version bigint not null,
  prev_hash text not null,
  hash text not null
);

-- Which of an append's event ids are stored already, and where. Planned afresh on each call
-- (dynamic SQL): a plan cached while the table was small would scan the whole table
-- for ever after.
create or replace function ${s}.find_stored(p_stream_id text, p_event_ids uuid[])
returns table (found integer, in_stream integer, last_position bigint)
language plpgsql as $fn$
begin
  return query execute
    'select count(*)::int, (count(*) filter (where stream_id = $1))::int, max(global_position)
       from ${s}.events where event_id = any($2)'
    using p_stream_id, p_event_ids;
end
$fn$;

-- One round trip per append: optimistic concurrency on the stream row, the insert of
-- every event, and idempotency by event id, inside the caller's transaction.
-- p_expected: >= 0 exact version (0 = no stream), -1 any, -3 stream exists.
create or replace function ${s}.append_to_stream(
  p_stream_id text,
  p_expected bigint,
  p_event_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data jsonb[],
  p_metadata jsonb[]
) returns table (outcome text, stream_version bigint, last_position bigint)
language plpgsql as $fn$
declare
  n integer := cardinality(p_event_ids);
  v_found integer;
  v_in_stream integer;
  v_new bigint;
  v_last bigint;
begin
  if p_expected = -1 then
    -- Without an expected version nothing else tells a retry from a new append.
    select f.found, f.in_stream, f.last_position into v_found, v_in_stream, v_last
      from ${s}.find_stored(p_stream_id, p_event_ids) f;
    if v_found > 0 then
      if v_in_stream = n then
        return query select 'duplicate'::text,
          (select st.version from ${s}.streams st where st.stream_id = p_stream_id), v_last;
      else
        return query select 'partial_duplicate'::text, null::bigint, null::bigint;
      end if;
      return;
    end if;
    insert into ${s}.streams as st (stream_id, version) values (p_stream_id, n)
      on conflict (stream_id) do update set version = st.version + n
      returning st.version into v_new;
  elsif p_expected = 0 then
    insert into ${s}.streams (stream_id, version) values (p_stream_id, n)
      on conflict (stream_id) do nothing
      returning version into v_new;
  elsif p_expected = -3 then
    update ${s}.streams st set version = st.version + n where st.stream_id = p_stream_id
      returning st.version into v_new;
  else
    update ${s}.streams st set version = st.version + n
      where st.stream_id = p_stream_id and st.version = p_expected
      returning st.version into v_new;
  end if;

  if v_new is null then
    -- The stream moved on. If this append's events are what moved it, it is a retry.
    select f.found, f.in_stream, f.last_position into v_found, v_in_stream, v_last
      from ${s}.find_stored(p_stream_id, p_event_ids) f;
    if v_found > 0 and v_in_stream = n then
      return query select 'duplicate'::text,
        (select st.version from ${s}.streams st where st.stream_id = p_stream_id), v_last;
    elsif v_found > 0 then
      return query select 'partial_duplicate'::text, null::bigint, null::bigint;
    else
      return query select 'conflict'::text,
        coalesce((select st.version from ${s}.streams st where st.stream_id = p_stream_id), 0::bigint), null::bigint;
    end if;
    return;
  end if;

  with inserted as (
    insert into ${s}.events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
    select p_stream_id, v_new - n + i.ord, i.id, i.t, i.sv, i.d, i.m
      from unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
        with ordinality as i(id, t, sv, d, m, ord)
      order by i.ord
    returning global_position
  )
  select max(global_position) into v_last from inserted;

  return query select 'appended'::text, v_new, v_last;
end
$fn$;
`;
}
