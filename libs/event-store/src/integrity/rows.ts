import type { ChainedContent } from './canonical';

/**
 * The events' columns as the chain reads them (the aliases hide the columns from a bare
 * ORDER BY, which would then sort text: a query orders by qualified names): recorded_at as text to the microsecond (a JS
 * Date keeps only milliseconds, so a change below that would go unseen).
 */
export const CONTENT_COLUMNS = `global_position::text as global_position, event_id::text as event_id, stream_id,
  stream_version::text as stream_version, event_type, schema_version, data, metadata,
  to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as recorded_at`;

export interface ContentRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  recorded_at: string;
}

export function toContent(row: ContentRow): ChainedContent {
  return {
    globalPosition: row.global_position,
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

export interface HashRow {
  seq: string;
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: string;
  prev_hash: string;
  hash: string;
}

export const HASH_COLUMNS = `seq::text as seq, global_position::text as global_position, event_id::text as event_id,
  stream_id, stream_version::text as stream_version, prev_hash, hash`;
