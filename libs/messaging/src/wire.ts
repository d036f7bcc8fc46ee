import type { EventEnvelope } from '@aid/contracts';
import { NonRetriableError } from './port';

/**
 * How an envelope travels: key = partition key (household id), value = the envelope as
 * UTF-8 JSON, and a few headers so that routers and dead-letter browsers can filter
 * without parsing the value. The value alone is authoritative; headers are a copy.
 */
export const HEADERS = {
  eventId: 'event-id',
  type: 'event-type',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  contentType: 'content-type',
} as const;

export const ENVELOPE_CONTENT_TYPE = 'application/json';

export interface WireMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** A value that can never become an envelope: it goes to the dead-letter topic at once. */
export class MalformedMessageError extends NonRetriableError {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedMessageError';
  }
}

export function toWireMessage(envelope: EventEnvelope): WireMessage {
  const problem = envelopeProblem(envelope);
  if (problem) throw new TypeError(`cannot publish event ${describe(envelope)}: ${problem}`);
  return {
    key: envelope.partitionKey,
    value: JSON.stringify(envelope),
    headers: {
      [HEADERS.eventId]: envelope.eventId,
      [HEADERS.type]: envelope.type,
      [HEADERS.schemaVersion]: String(envelope.schemaVersion),
      [HEADERS.correlationId]: envelope.correlationId,
      [HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
    },
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses and checks a message value; throws MalformedMessageError for anything else. */
export function parseEnvelope(value: Buffer | string | null): EventEnvelope {
  if (value === null) throw new MalformedMessageError('message has no value');
  let text: string;
  try {
    text = typeof value === 'string' ? value : strictUtf8.decode(value);
  } catch {
    throw new MalformedMessageError('message value is not UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new MalformedMessageError(`message value is not JSON: ${(err as Error).message}`);
  }
  const problem = envelopeProblem(parsed);
  if (problem) throw new MalformedMessageError(`message value is not an event envelope: ${problem}`);
  return parsed as EventEnvelope;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** The first reason `value` is not an EventEnvelope, or null when it is one. */
export function envelopeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const e = value as Record<string, unknown>;
  for (const field of ['eventId', 'type', 'streamId', 'partitionKey', 'correlationId', 'occurredAt'] as const) {
    if (typeof e[field] !== 'string' || e[field] === '') return `${field} must be a non-empty string`;
  }
  for (const field of ['schemaVersion', 'streamVersion'] as const) {
    const n = e[field];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) return `${field} must be an integer >= 1`;
  }
  if (typeof e.globalPosition !== 'string' || !DECIMAL.test(e.globalPosition)) {
    return 'globalPosition must be a decimal string';
  }
  if (e.causationId !== null && (typeof e.causationId !== 'string' || e.causationId === '')) {
    return 'causationId must be a non-empty string or null';
  }
  if (!('data' in e) || e.data === undefined) return 'data is missing';
  return null;
}

function describe(value: unknown): string {
  const id = (value as { eventId?: unknown } | null)?.eventId;
  return typeof id === 'string' ? id : '(no eventId)';
}
