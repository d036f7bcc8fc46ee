import { InvalidAppendError, type ExpectedVersion, type NewEvent } from './port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an append before any adapter touches storage, so a bad one never half-applies. */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): void {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > 200) {
    throw new InvalidAppendError('streamId: must be a non-empty string of at most 200 characters');
  }
  if (events.length === 0) throw new InvalidAppendError('events: at least one event is required');
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new InvalidAppendError(`expectedVersion: must be a whole number >= 0, got ${expected}`);
  }
  const seen = new Set<string>();
  events.forEach((e, i) => {
    if (!UUID.test(e.eventId)) throw new InvalidAppendError(`events[${i}].eventId: must be a UUID`);
    const id = e.eventId.toLowerCase();
    if (seen.has(id)) throw new InvalidAppendError(`events[${i}].eventId: repeated within the append`);
    seen.add(id);
    if (typeof e.type !== 'string' || !/^[A-Za-z][A-Za-z0-9.]*$/.test(e.type)) {
      throw new InvalidAppendError(`events[${i}].type: must be a name such as BillSettled`);
    }
    if (e.schemaVersion !== undefined && (!Number.isSafeInteger(e.schemaVersion) || e.schemaVersion < 1)) {
      throw new InvalidAppendError(`events[${i}].schemaVersion: must be a whole number >= 1`);
    }
    if (e.data === undefined) throw new InvalidAppendError(`events[${i}].data: is required`);
  });
}
