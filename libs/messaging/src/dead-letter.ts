import { isRetriable, type DeadLetter } from './port';
import { ENVELOPE_CONTENT_TYPE, HEADERS } from './wire';

export const DEAD_LETTER_HEADERS = {
  originalTopic: 'dead-letter-original-topic',
  errorName: 'dead-letter-error-name',
} as const;

export const defaultDeadLetterTopic = (topic: string): string => `${topic}.dlq`;

export interface FailedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function toDeadLetter(message: FailedMessage, error: unknown, attempts: number, failedAt: Date): DeadLetter {
  const bytes = message.value ?? Buffer.alloc(0);
  let originalValue: string;
  let encoding: DeadLetter['originalValueEncoding'];
  try {
    originalValue = strictUtf8.decode(bytes);
  } catch {
    // Bytes that are not UTF-8 would be mangled in a JSON string; base64 keeps them exact.
    originalValue = bytes.toString('base64');
    encoding = 'base64';
  }
  return {
    originalTopic: message.topic,
    originalPartition: message.partition,
    originalOffset: message.offset,
    originalValue,
    ...(encoding ? { originalValueEncoding: encoding } : {}),
    originalKey: message.key,
    error: describeError(error),
    attempts,
    failedAt: failedAt.toISOString(),
  };
}

export function describeError(error: unknown): DeadLetter['error'] {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, retriable: isRetriable(error) };
  }
  return { name: 'Error', message: String(error), retriable: isRetriable(error) };
}

/**
 * The record written to the dead-letter topic: same key as the original (so one
 * household's failures stay together), the original's headers kept for filtering.
 */
export function deadLetterRecord(
  letter: DeadLetter,
  originalHeaders: Record<string, string>,
): { key: string | null; value: string; headers: Record<string, string> } {
  const headers: Record<string, string> = { ...originalHeaders };
  headers[HEADERS.contentType] = ENVELOPE_CONTENT_TYPE;
  headers[DEAD_LETTER_HEADERS.originalTopic] = letter.originalTopic;
  headers[DEAD_LETTER_HEADERS.errorName] = letter.error.name;
  return { key: letter.originalKey, value: JSON.stringify(letter), headers };
}

/** Reads a dead-letter record's value back (for operators' tools and tests). */
export function parseDeadLetter(value: Buffer | string): DeadLetter {
  const parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8')) as DeadLetter;
  if (
    typeof parsed?.originalTopic !== 'string' ||
    typeof parsed.originalValue !== 'string' ||
    typeof parsed.error?.message !== 'string'
  ) {
    throw new TypeError('not a dead letter');
  }
  return parsed;
}

/** The original message value exactly as it was consumed. */
export function originalValueBytes(letter: DeadLetter): Buffer {
  return Buffer.from(letter.originalValue, letter.originalValueEncoding === 'base64' ? 'base64' : 'utf8');
}
