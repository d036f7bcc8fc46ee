import { createHash } from 'node:crypto';

/**
 * Canonical JSON (the scheme of RFC 8785): no whitespace, object keys sorted by UTF-16 code
 * units, strings and numbers as ECMAScript's JSON.stringify writes them. The same value
 * always gives the same bytes, whatever order its keys were stored in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonical JSON has no form for the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`canonical JSON has no form for a value of type ${typeof value}`);
  }
}

/** What of a stored event the chain covers: all of it but the transaction id (its order is the chain's). */
export interface ChainedContent {
  globalPosition: string;
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  /** UTC to the microsecond, as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (PostgreSQL's own precision). */
  recordedAt: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** One step of the chain: hash = SHA-256(prev_hash ‖ "\n" ‖ canonical content), lower-case hex. */
export function chainHash(prevHash: string, content: ChainedContent): string {
  const canonical = canonicalJson({
    data: content.data,
    eventId: content.eventId,
    globalPosition: content.globalPosition,
    metadata: content.metadata,
    recordedAt: content.recordedAt,
    schemaVersion: content.schemaVersion,
    streamId: content.streamId,
    streamVersion: content.streamVersion,
    type: content.type,
  });
  return createHash('sha256').update(`${prevHash}\n${canonical}`, 'utf8').digest('hex');
}
