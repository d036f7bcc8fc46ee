import { anEnvelope } from './contract/message-bus.contract';
import { backoffMs, deliver, DEFAULT_RETRY_POLICY, resolveRetryPolicy } from './delivery';
import { originalValueBytes, parseDeadLetter, toDeadLetter } from './dead-letter';
import { NonRetriableError, isRetriable } from './port';
import { HEADERS, MalformedMessageError, envelopeProblem, parseEnvelope, toWireMessage } from './wire';

describe('the envelope on the wire', () => {
  it('is keyed by the partition key and carries id, type and schema version in headers', () => {
    const envelope = anEnvelope({ partitionKey: 'household-7', type: 'BillSettled', schemaVersion: 2 });
    const wire = toWireMessage(envelope);
    expect(wire.key).toBe('household-7');
    expect(JSON.parse(wire.value)).toEqual(envelope);
    expect(wire.headers).toMatchObject({
      [HEADERS.eventId]: envelope.eventId,
      [HEADERS.type]: 'BillSettled',
      [HEADERS.schemaVersion]: '2',
    });
  });

  it('round-trips through parseEnvelope', () => {
    const envelope = anEnvelope({ data: { fen: 1 } });
    expect(parseEnvelope(Buffer.from(toWireMessage(envelope).value))).toEqual(envelope);
  });

  it.each([
    ['no eventId', { eventId: undefined }, /eventId/],
    ['empty type', { type: '' }, /type/],
    ['schemaVersion 0', { schemaVersion: 0 }, /schemaVersion/],
    ['fractional streamVersion', { streamVersion: 1.5 }, /streamVersion/],
    ['numeric globalPosition', { globalPosition: 12 }, /globalPosition/],
    ['negative globalPosition', { globalPosition: '-1' }, /globalPosition/],
    ['empty causationId', { causationId: '' }, /causationId/],
    ['no data', { data: undefined }, /data/],
  ])('refuses an envelope with %s', (_label, change, message) => {
    const broken = { ...anEnvelope(), ...change };
    expect(envelopeProblem(broken)).toMatch(message);
    expect(() => toWireMessage(broken as never)).toThrow(TypeError);
  });

  it.each([
    ['null', null],
    ['not JSON', 'garbage'],
    ['a JSON array', '[1,2]'],
    ['invalid UTF-8', Buffer.from([0xc3, 0x28])],
  ])('calls a value that is %s malformed, and never retriable', (_label, value) => {
    let caught: unknown;
    try {
      parseEnvelope(value as Buffer | string | null);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MalformedMessageError);
    expect(isRetriable(caught)).toBe(false);
  });
});

describe('retry policy', () => {
  it('doubles the backoff from the initial value up to the cap', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => backoffMs(DEFAULT_RETRY_POLICY, attempt));
    expect(waits).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(5);
  });

  it('rejects a policy that would never try or wait backwards', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0, initialBackoffMs: 1, maxBackoffMs: 1 })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ maxAttempts: 2, initialBackoffMs: 10, maxBackoffMs: 5 })).toThrow(RangeError);
  });

  it('treats only errors marked retriable = false as final', () => {
    expect(isRetriable(new Error('x'))).toBe(true);
    expect(isRetriable('a string')).toBe(true);
    expect(isRetriable(new NonRetriableError('x'))).toBe(false);
    expect(isRetriable(Object.assign(new Error('x'), { retriable: false }))).toBe(false);
  });
});

describe('deliver', () => {
  const message = (value: string) => ({ topic: 't', partition: 0, offset: '4', value: Buffer.from(value) });
  const running = () => ({ stop: new AbortController().signal, abandon: new AbortController().signal });
  const quick = { maxAttempts: 3, initialBackoffMs: 0, maxBackoffMs: 0 };

  it('gives each attempt a fresh copy of the envelope', async () => {
    const seen: unknown[] = [];
    const outcome = await deliver(
      message(JSON.stringify(anEnvelope({ data: { n: 1 } }))),
      async (e) => {
        seen.push(structuredClone(e.data));
        (e.data as { n: number }).n = 99;
        if (seen.length < 2) throw new Error('again');
      },
      quick,
      running(),
    );
    expect(outcome).toEqual({ kind: 'handled', attempts: 2 });
    expect(seen).toEqual([{ n: 1 }, { n: 1 }]);
  });

  it('counts a handler that throws synchronously as a failed attempt', async () => {
    const outcome = await deliver(
      message(JSON.stringify(anEnvelope())),
      (() => {
        throw new NonRetriableError('sync');
      }) as never,
      quick,
      running(),
    );
    expect(outcome).toMatchObject({ kind: 'dead-letter', attempts: 1 });
  });

  it('starts no attempt once stopped, leaving the message for redelivery', async () => {
    const stop = new AbortController();
    stop.abort();
    const calls: number[] = [];
    const outcome = await deliver(
      message(JSON.stringify(anEnvelope())),
      async (_e, ctx) => {
        calls.push(ctx.attempt);
      },
      quick,
      { stop: stop.signal, abandon: new AbortController().signal },
    );
    expect(outcome).toEqual({ kind: 'abandoned' });
    expect(calls).toEqual([]);
  });

  it('stops retrying when stopped during a backoff', async () => {
    const stop = new AbortController();
    const outcome = await deliver(
      message(JSON.stringify(anEnvelope())),
      async () => {
        stop.abort();
        throw new Error('fails');
      },
      { maxAttempts: 5, initialBackoffMs: 60_000, maxBackoffMs: 60_000 },
      { stop: stop.signal, abandon: new AbortController().signal },
    );
    expect(outcome).toEqual({ kind: 'abandoned' });
  });
});

describe('dead letters', () => {
  it('keep UTF-8 values as text and other bytes as base64, both exact', () => {
    const failed = { topic: 't', partition: 1, offset: '9', key: 'k', headers: {} };
    const at = new Date('2026-11-24T10:00:00Z');
    const text = toDeadLetter({ ...failed, value: Buffer.from('户 ok') }, new Error('x'), 2, at);
    const bytes = toDeadLetter({ ...failed, value: Buffer.from([0xff, 0x00]) }, new Error('x'), 2, at);
    expect(text.originalValue).toBe('户 ok');
    expect(text.originalValueEncoding).toBeUndefined();
    expect(bytes.originalValueEncoding).toBe('base64');
    expect([...originalValueBytes(bytes)]).toEqual([0xff, 0x00]);
    expect(parseDeadLetter(JSON.stringify(text))).toEqual(text);
    expect(text.failedAt).toBe('2026-11-24T10:00:00.000Z');
  });
});
