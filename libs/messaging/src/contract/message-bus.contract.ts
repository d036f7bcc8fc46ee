import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@aid/contracts';
import { waitFor } from '@aid/testing';
import { originalValueBytes, parseDeadLetter } from '../dead-letter';
import {
  NonRetriableError,
  type DeadLetter,
  type MessageBus,
  type MessageContext,
  type MessageHandler,
  type RetryPolicy,
  type Subscription,
} from '../port';

/** One record as stored on a topic, bytes as they are. */
export interface RawRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

export interface MessageBusContractOptions {
  /** Writes bytes to a topic as they are, bypassing the envelope checks (a malformed message). */
  publishRaw(bus: MessageBus, topic: string, key: string, value: Buffer | string): Promise<void>;
  /** Waits until `topic` holds at least `count` records, and returns them all. */
  readRecords(bus: MessageBus, topic: string, count: number): Promise<RawRecord[]>;
  /** Longest wait for something to be delivered, group joins included. */
  deliveryTimeoutMs: number;
}

/**
 * The behaviour every MessageBus adapter must show, run against each one (Kafka, in-process)
 * so that handlers can rely on it whatever carries the messages. `makeBus` must give a bus
 * whose shutdown grace is short (well under a second): the crash test closes a subscription
 * while its handler hangs.
 */
export function messageBusContract(
  name: string,
  makeBus: () => Promise<MessageBus>,
  opts: MessageBusContractOptions,
): void {
  describe(`MessageBus contract: ${name}`, () => {
    const timeout = opts.deliveryTimeoutMs;
    const fastRetry: RetryPolicy = { maxAttempts: 3, initialBackoffMs: 10, maxBackoffMs: 40 };
    let bus: MessageBus;
    let subscriptions: Subscription[] = [];
    let topic: string;

    beforeEach(async () => {
      bus = await makeBus();
      subscriptions = [];
      topic = `contract.${name.replace(/[^a-z0-9]+/gi, '-')}.${randomUUID().slice(0, 8)}`;
    });

    afterEach(async () => {
      await Promise.all(subscriptions.map((s) => s.close()));
      await bus.close();
    });

    const group = (label: string) => `${topic}.${label}`;

    async function consume(
      groupId: string,
      handler: MessageHandler,
      extra: { retry?: RetryPolicy; deadLetterTopic?: (t: string) => string; fromBeginning?: boolean } = {},
    ): Promise<Subscription> {
      const subscription = await bus.subscribe({ groupId, topics: [topic], handler, ...extra });
      subscriptions.push(subscription);
      return subscription;
    }

    async function deadLetters(count: number, dlq = `${topic}.dlq`): Promise<DeadLetter[]> {
      const records = await opts.readRecords(bus, dlq, count);
      return records.map((r) => parseDeadLetter(r.value));
    }

    describe('publishing and consuming', () => {
      it('delivers an envelope with every field intact', async () => {
        const sent = anEnvelope({
          causationId: randomUUID(),
          data: { amountFen: 123_456, nested: { list: [1, 'двa', null, true] }, note: '先诊疗、后付费' },
        });
        const orphan = anEnvelope({ causationId: null, data: null });
        const received: Array<{ envelope: EventEnvelope; context: MessageContext }> = [];
        await bus.publish(topic, [sent, orphan]);
        await consume(group('g'), async (envelope, context) => {
          received.push({ envelope, context });
        });

        await waitFor(() => received.length >= 2, timeout);
        const [first, second] = received.sort((a, b) => a.envelope.streamVersion - b.envelope.streamVersion);
        expect(first.envelope).toEqual(sent);
        expect(second.envelope).toEqual(orphan);
        expect(first.context).toMatchObject({ topic, attempt: 1 });
        expect(first.context.offset).toMatch(/^\d+$/);
        expect(Number.isInteger(first.context.partition)).toBe(true);
      });

      it('never calls a handler from inside publish', async () => {
        const handled: string[] = [];
        await consume(group('g'), async (e) => {
          handled.push(e.eventId);
        });
        const event = anEnvelope();
        const publishing = bus.publish(topic, [event]);
        expect(handled).toEqual([]);
        await publishing;
        await waitFor(() => handled.length === 1, timeout);
        expect(handled).toEqual([event.eventId]);
      });

      it('rejects an envelope with a missing field and sends none of the batch', async () => {
        const good = anEnvelope();
        const bad = { ...anEnvelope(), eventId: undefined } as unknown as EventEnvelope;
        await expect(bus.publish(topic, [good, bad])).rejects.toThrow(/eventId/);

        const sentinel = anEnvelope();
        await bus.publish(topic, [sentinel]);
        const handled: string[] = [];
        await consume(group('g'), async (e) => {
          handled.push(e.eventId);
        });
        await waitFor(() => handled.length >= 1, timeout);
        expect(handled).toEqual([sentinel.eventId]);
      });

      it('keeps the order of each partition key across many messages and keys', async () => {
        const households = ['household-a', 'household-b', 'household-c', 'household-d'];
        const perKey = 40;
        const seen = new Map<string, number[]>();
        const partitionsOf = new Map<string, Set<number>>();
        await consume(group('g'), async (e, ctx) => {
          seen.set(e.partitionKey, [...(seen.get(e.partitionKey) ?? []), e.streamVersion]);
          partitionsOf.set(e.partitionKey, (partitionsOf.get(e.partitionKey) ?? new Set()).add(ctx.partition));
        });

        // Interleaved across keys and split over several publish calls, as a relay would.
        const all: EventEnvelope[] = [];
        for (let v = 1; v <= perKey; v++) {
          for (const h of households)
            all.push(anEnvelope({ partitionKey: h, streamId: `ledger-${h}`, streamVersion: v }));
        }
        for (let i = 0; i < all.length; i += 25) await bus.publish(topic, all.slice(i, i + 25));

        await waitFor(() => households.every((h) => new Set(seen.get(h)).size >= perKey), timeout);
        for (const h of households) {
          expectInOrder(seen.get(h) ?? [], perKey);
          expect(partitionsOf.get(h)?.size).toBe(1);
        }
      });
    });

    describe('consumer groups', () => {
      it('starts a new group at the beginning by default, or at the end when asked', async () => {
        const [old, recent] = [anEnvelope(), anEnvelope()];
        await bus.publish(topic, [old]);
        const fromStart: string[] = [];
        const fromEnd: string[] = [];
        await consume(group('start'), async (e) => {
          fromStart.push(e.eventId);
        });
        await consume(
          group('end'),
          async (e) => {
            fromEnd.push(e.eventId);
          },
          { fromBeginning: false },
        );
        // Published once subscribe has resolved: a group starting at the end must see it.
        await bus.publish(topic, [recent]);

        await waitFor(() => fromStart.length >= 2 && fromEnd.length >= 1, timeout);
        expect(fromStart).toEqual([old.eventId, recent.eventId]);
        expect(fromEnd).toEqual([recent.eventId]);
      });

      it('shares partitions between the members of one group, each message handled once', async () => {
        await bus.ensureTopics([topic]);
        const byMember: Record<'a' | 'b', string[]> = { a: [], b: [] };
        const partitions: Record<'a' | 'b', Set<number>> = { a: new Set(), b: new Set() };
        const member =
          (name: 'a' | 'b'): MessageHandler =>
          async (e, ctx) => {
            byMember[name].push(e.eventId);
            partitions[name].add(ctx.partition);
          };
        await consume(group('shared'), member('a'));
        await consume(group('shared'), member('b'));

        // Many keys, so that every partition receives some.
        const events = Array.from({ length: 60 }, (_, i) => anEnvelope({ partitionKey: `household-${i}` }));
        await bus.publish(topic, events);

        const total = () => byMember.a.length + byMember.b.length;
        await waitFor(() => total() >= events.length, timeout);
        await Promise.all(subscriptions.map((s) => s.close()));

        const handled = [...byMember.a, ...byMember.b];
        expect(handled.sort()).toEqual(events.map((e) => e.eventId).sort());
        expect(byMember.a.length).toBeGreaterThan(0);
        expect(byMember.b.length).toBeGreaterThan(0);
        expect([...partitions.a].filter((p) => partitions.b.has(p))).toEqual([]);
      });

      it('gives every message to each of two groups', async () => {
        const got: Record<'x' | 'y', string[]> = { x: [], y: [] };
        await consume(group('x'), async (e) => {
          got.x.push(e.eventId);
        });
        await consume(group('y'), async (e) => {
          got.y.push(e.eventId);
        });
        const events = Array.from({ length: 20 }, (_, i) => anEnvelope({ partitionKey: `household-${i % 5}` }));
        await bus.publish(topic, events);

        await waitFor(() => got.x.length >= 20 && got.y.length >= 20, timeout);
        const ids = events.map((e) => e.eventId).sort();
        expect([...got.x].sort()).toEqual(ids);
        expect([...got.y].sort()).toEqual(ids);
      });
    });

    describe('status', () => {
      it('says the broker is connected, a subscription running once subscribe resolved and stopped once closed', async () => {
        expect(await bus.status()).toEqual({ connected: true });
        const subscription = await consume(group('status'), async () => undefined);
        expect(subscription.status()).toMatchObject({ state: 'running', lastError: null });
        expect(Number.isNaN(Date.parse(subscription.status().since))).toBe(false);
        await subscription.close();
        expect(subscription.status()).toMatchObject({ state: 'stopped', lastError: null });
      });

      it('gives up a subscribe whose signal is aborted', async () => {
        const aborted = new AbortController();
        aborted.abort();
        await expect(
          bus.subscribe({
            groupId: group('aborted'),
            topics: [topic],
            handler: async () => undefined,
            signal: aborted.signal,
          }),
        ).rejects.toThrow();
      });
    });

    describe('offsets', () => {
      it('redelivers a message whose handler failed, and commits it once it succeeded', async () => {
        const key = 'household-retry';
        const [flaky, next] = [anEnvelope({ partitionKey: key }), anEnvelope({ partitionKey: key })];
        const calls: Array<{ id: string; attempt: number }> = [];
        await bus.publish(topic, [flaky, next]);
        const first = await consume(
          group('g'),
          async (e, ctx) => {
            calls.push({ id: e.eventId, attempt: ctx.attempt });
            if (e.eventId === flaky.eventId && ctx.attempt === 1) throw new Error('database briefly away');
          },
          { retry: fastRetry },
        );
        await waitFor(() => calls.some((c) => c.id === next.eventId), timeout);
        expect(calls).toEqual([
          { id: flaky.eventId, attempt: 1 },
          { id: flaky.eventId, attempt: 2 },
          { id: next.eventId, attempt: 1 },
        ]);
        await first.close();

        // Both were committed: a later member of the group starts after them.
        const sentinel = anEnvelope({ partitionKey: key });
        await bus.publish(topic, [sentinel]);
        const later: string[] = [];
        await consume(group('g'), async (e) => {
          later.push(e.eventId);
        });
        await waitFor(() => later.length >= 1, timeout);
        expect(later).toEqual([sentinel.eventId]);
      });

      it('lets the handler in flight finish on close, and commits it', async () => {
        const key = 'household-graceful';
        const inFlight = anEnvelope({ partitionKey: key });
        await bus.publish(topic, [inFlight]);

        let release!: () => void;
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        const started: string[] = [];
        const finished: string[] = [];
        const leaving = await consume(group('g'), async (e) => {
          started.push(e.eventId);
          await gate;
          finished.push(e.eventId);
        });
        await waitFor(() => started.length === 1, timeout);
        const closing = leaving.close();
        release(); // finishes well inside the shutdown grace
        await closing;
        expect(finished).toEqual([inFlight.eventId]);

        const sentinel = anEnvelope({ partitionKey: key });
        await bus.publish(topic, [sentinel]);
        const later: string[] = [];
        await consume(group('g'), async (e) => {
          later.push(e.eventId);
        });
        await waitFor(() => later.length >= 1, timeout);
        expect(later).toEqual([sentinel.eventId]);
      });

      it('gives a message to a new member when the old one stopped mid-handler without finishing', async () => {
        const key = 'household-crash';
        const [stuck, behind] = [anEnvelope({ partitionKey: key }), anEnvelope({ partitionKey: key })];
        await bus.publish(topic, [stuck, behind]);

        let release!: () => void;
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        const started: string[] = [];
        const crashed = await consume(group('g'), async (e) => {
          started.push(e.eventId);
          await gate; // hangs like a handler whose process is about to die
        });
        await waitFor(() => started.length === 1, timeout);
        await crashed.close(); // returns once the shutdown grace is over, the message abandoned

        const redelivered: string[] = [];
        await consume(group('g'), async (e) => {
          redelivered.push(e.eventId);
        });
        await waitFor(() => redelivered.length >= 2, timeout);
        release();
        expect(started).toEqual([stuck.eventId]);
        expect(redelivered).toEqual([stuck.eventId, behind.eventId]);
      });
    });

    describe('failures', () => {
      it('retries a failing handler a bounded number of times, then dead-letters the original bytes', async () => {
        const poison = anEnvelope({ partitionKey: 'household-poison' });
        const attempts: number[] = [];
        await bus.publish(topic, [poison]);
        await consume(
          group('g'),
          async (_e, ctx) => {
            attempts.push(ctx.attempt);
            throw new Error('ledger row locked');
          },
          { retry: fastRetry },
        );

        const [letter] = await deadLetters(1);
        expect(attempts).toEqual([1, 2, 3]);
        const [original] = await opts.readRecords(bus, topic, 1);
        expect(originalValueBytes(letter).equals(original.value)).toBe(true);
        expect(letter).toMatchObject({
          originalTopic: topic,
          originalPartition: original.partition,
          originalOffset: original.offset,
          originalKey: 'household-poison',
          attempts: 3,
          error: { name: 'Error', message: 'ledger row locked', retriable: true },
        });
        expect(Number.isNaN(Date.parse(letter.failedAt))).toBe(false);
      });

      it('dead-letters at the first attempt when the error is not retriable', async () => {
        const invalid = anEnvelope();
        const attempts: number[] = [];
        await bus.publish(topic, [invalid]);
        await consume(
          group('g'),
          async (_e, ctx) => {
            attempts.push(ctx.attempt);
            throw new NonRetriableError('bill total is negative');
          },
          { retry: { maxAttempts: 5, initialBackoffMs: 10, maxBackoffMs: 40 } },
        );

        const [letter] = await deadLetters(1);
        expect(attempts).toEqual([1]);
        expect(letter.attempts).toBe(1);
        expect(letter.error).toEqual({
          name: 'NonRetriableError',
          message: 'bill total is negative',
          retriable: false,
        });
      });

      it('does not let a poison message block the messages behind it on its partition', async () => {
        const key = 'household-blocked';
        const events = [
          anEnvelope({ partitionKey: key }),
          anEnvelope({ partitionKey: key }),
          anEnvelope({ partitionKey: key }),
        ];
        const [poison, ...rest] = events;
        const handled: string[] = [];
        await bus.publish(topic, events);
        await consume(
          group('g'),
          async (e) => {
            if (e.eventId === poison.eventId) throw new Error('always fails');
            handled.push(e.eventId);
          },
          { retry: fastRetry },
        );

        await waitFor(() => handled.length >= 2, timeout);
        expect(handled).toEqual(rest.map((e) => e.eventId));
        const [letter] = await deadLetters(1);
        expect(JSON.parse(letter.originalValue)).toEqual(poison);
      });

      it('dead-letters a value that is not JSON without calling the handler, and goes on', async () => {
        const key = 'household-garbled';
        const after = anEnvelope({ partitionKey: key });
        await opts.publishRaw(bus, topic, key, 'not json {');
        await bus.publish(topic, [after]);
        const handled: string[] = [];
        await consume(group('g'), async (e) => {
          handled.push(e.eventId);
        });

        await waitFor(() => handled.length >= 1, timeout);
        expect(handled).toEqual([after.eventId]);
        const [letter] = await deadLetters(1);
        expect(letter).toMatchObject({
          originalValue: 'not json {',
          originalKey: key,
          attempts: 0,
          error: { name: 'MalformedMessageError', retriable: false },
        });
      });

      it('dead-letters JSON that is not an envelope, and bytes that are not UTF-8, keeping them exact', async () => {
        const binary = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
        await opts.publishRaw(bus, topic, 'household-x', JSON.stringify({ hello: 'world' }));
        await opts.publishRaw(bus, topic, 'household-x', binary);
        const handled: string[] = [];
        await consume(group('g'), async (e) => {
          handled.push(e.eventId);
        });

        const letters = await deadLetters(2);
        expect(handled).toEqual([]);
        const byOffset = letters.sort((a, b) => Number(a.originalOffset) - Number(b.originalOffset));
        expect(byOffset[0].originalValue).toBe('{"hello":"world"}');
        expect(byOffset[0].error.message).toMatch(/not an event envelope/);
        expect(byOffset[1].originalValueEncoding).toBe('base64');
        expect(originalValueBytes(byOffset[1]).equals(binary)).toBe(true);
      });

      it('writes to the dead-letter topic the subscription names', async () => {
        const dlq = `${topic}.failed`;
        await bus.publish(topic, [anEnvelope()]);
        await consume(
          group('g'),
          async () => {
            throw new NonRetriableError('rejected');
          },
          { deadLetterTopic: (t) => `${t}.failed` },
        );
        const [letter] = await deadLetters(1, dlq);
        expect(letter.originalTopic).toBe(topic);
      });
    });
  });
}

/**
 * Versions 1..n of one key, each seen, none before its predecessor. Delivery is at least
 * once: a rebalance or a broker hiccup may replay a stretch (1..7 then 1..7 again), which
 * is allowed; skipping ahead is not.
 */
function expectInOrder(seen: number[], n: number): void {
  const firstSeen = seen.filter((v, i) => seen.indexOf(v) === i);
  expect(firstSeen).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  let highest = 0;
  const skips: string[] = [];
  for (const v of seen) {
    if (v > highest + 1) skips.push(`${v} after ${highest}`);
    highest = Math.max(highest, v);
  }
  expect(skips).toEqual([]);
}

let position = 0;

/** A valid envelope; each call a new event id and a later global position. */
export function anEnvelope(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  position += 1;
  return {
    eventId: randomUUID(),
    type: 'HouseholdRegistered',
    schemaVersion: 1,
    streamId: 'household-1',
    streamVersion: 1,
    globalPosition: String(position),
    partitionKey: 'household-1',
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: '2026-11-24T08:00:00.000Z',
    data: { householdId: 'household-1', category: 'low-income' },
    ...overrides,
  };
}
