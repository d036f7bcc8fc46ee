import { randomUUID } from 'node:crypto';
import { CatchUpSubscription } from '../subscription/catch-up-subscription';
import {
  DuplicateEventIdError,
  InvalidAppendError,
  WrongExpectedVersionError,
  type CheckpointStore,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '../port';

/** An append that has written but not committed yet; only stores with transactions have it. */
export interface HeldAppend {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface EventStoreUnderTest {
  store: EventStore;
  checkpoints: CheckpointStore;
  /** Appends inside a transaction left open, to show a late commit to readers. */
  holdAppend?: (streamId: string, events: NewEvent[]) => Promise<HeldAppend>;
  tearDown(): Promise<void>;
}

export interface EventStoreContractOptions {
  /** Whether the store orders by a sequence that a late commit can overtake (PostgreSQL). */
  hasLateCommitHazard: boolean;
}

export function anEvent(type = 'AidGranted', data: Record<string, unknown> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data: { amountFen: '100', ...data },
    metadata: { correlationId: randomUUID(), partitionKey: 'household-1', occurredAt: '2019-02-10T08:00:00.000Z' },
  };
}

function events(n: number, type = 'AidGranted'): NewEvent[] {
  return Array.from({ length: n }, (_, i) => anEvent(type, { seq: i }));
}

async function readEverything(store: EventStore, after: string | null = null, batch = 1000): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let position = after;
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: batch });
    if (page.length === 0) return out;
    out.push(...page);
    position = page[page.length - 1].position;
  }
}

/**
 * Readers may lag (a transaction still running anywhere on the server holds them back: ADR
 * 0003), but must never skip: poll until the expected count arrives, then check what came.
 */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * One suite for every adapter of the EventStore port. Each test gets an empty store.
 */
export function eventStoreContract(
  name: string,
  makeStore: () => Promise<EventStoreUnderTest>,
  options: EventStoreContractOptions,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: EventStoreUnderTest;
    let store: EventStore;

    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.tearDown();
    });

    describe('appending to a stream', () => {
      it('stores events with versions from 1 and reads them back in order with every field', async () => {
        const batch = events(3);
        const result = await store.appendToStream('household-1', batch, { expectedVersion: 'no_stream' });
        expect(result).toMatchObject({ nextExpectedVersion: 3, duplicate: false });

        const read = await store.readStream('household-1');
        expect(read.map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
        expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        expect(read[0]).toMatchObject({
          type: 'AidGranted',
          schemaVersion: 1,
          streamId: 'household-1',
          data: batch[0].data,
          metadata: batch[0].metadata,
        });
        expect(read[0].recordedAt).toBeInstanceOf(Date);
        expect(read[2].position).toBe(result.lastPosition);
      });

      it('appends at the expected version and returns the next one', async () => {
        const first = await store.appendToStream('s', events(2), { expectedVersion: 0 });
        const second = await store.appendToStream('s', events(1), { expectedVersion: first.nextExpectedVersion });
        expect(second.nextExpectedVersion).toBe(3);
      });

      it('refuses a stale expected version with a typed error naming the actual version', async () => {
        await store.appendToStream('s', events(2));
        const attempt = store.appendToStream('s', events(1), { expectedVersion: 1 });
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(store.appendToStream('s', events(1), { expectedVersion: 1 })).rejects.toMatchObject({
          streamId: 's',
          expected: 1,
          actual: 2,
        });
        expect(await store.readStream('s')).toHaveLength(2);
      });

      it('refuses no_stream on an existing stream and stream_exists on a missing one', async () => {
        await store.appendToStream('exists', events(1));
        await expect(store.appendToStream('exists', events(1), { expectedVersion: 'no_stream' })).rejects.toMatchObject({
          actual: 1,
        });
        await expect(
          store.appendToStream('missing', events(1), { expectedVersion: 'stream_exists' }),
        ).rejects.toMatchObject({ actual: 0 });
        expect(await store.readStream('missing')).toEqual([]);
      });

      it('lets exactly one of two concurrent appends at the same version win', async () => {
        await store.appendToStream('race', events(1));
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, () => store.appendToStream('race', events(2), { expectedVersion: 1 })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes.filter((o) => o.status === 'rejected')) {
          expect((o as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
        }
        expect((await store.readStream('race')).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      });

      it('refuses an invalid append whole, storing nothing', async () => {
        const bad = [anEvent(), { ...anEvent(), eventId: 'not-a-uuid' }];
        await expect(store.appendToStream('bad', bad)).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.appendToStream('bad', [])).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.readStream('bad')).toEqual([]);
      });
    });

    describe('idempotency by event id', () => {
      it('stores the same events once when the append is repeated', async () => {
        const batch = events(2);
        const first = await store.appendToStream('idem', batch, { expectedVersion: 'no_stream' });
        const again = await store.appendToStream('idem', batch, { expectedVersion: 'no_stream' });
        expect(again).toEqual({ ...first, duplicate: true });
        const anyAgain = await store.appendToStream('idem', batch);
        expect(anyAgain.duplicate).toBe(true);
        expect(await store.readStream('idem')).toHaveLength(2);
        expect(await eventually(() => readEverything(store), (r) => r.length >= 2)).toHaveLength(2);
      });

      it('knows a retry at an old expected version for a duplicate, not a conflict', async () => {
        await store.appendToStream('retry', events(2), { expectedVersion: 0 });
        const second = events(2);
        const first = await store.appendToStream('retry', second, { expectedVersion: 2 });
        await store.appendToStream('retry', events(1), { expectedVersion: 4 });
        const again = await store.appendToStream('retry', second, { expectedVersion: 2 });
        expect(again).toEqual({ nextExpectedVersion: 5, lastPosition: first.lastPosition, duplicate: true });
        expect(await store.readStream('retry')).toHaveLength(5);
      });

      it('stores once when the same append races with itself', async () => {
        const batch = events(3);
        const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => store.appendToStream('twice', batch)));
        expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
        expect(await store.readStream('twice')).toHaveLength(3);
      });

      it('refuses an append where only some event ids are already stored', async () => {
        const batch = events(2);
        await store.appendToStream('partial', batch);
        await expect(store.appendToStream('partial', [batch[0], anEvent()])).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream('partial')).toHaveLength(2);
      });
    });

    describe('reading', () => {
      it('keeps per-stream order and the global order of appends', async () => {
        const appended: string[] = [];
        for (let i = 0; i < 20; i++) {
          const stream = `household-${i % 3}`;
          const batch = events(1 + (i % 2));
          await store.appendToStream(stream, batch);
          appended.push(...batch.map((e) => e.eventId));
        }
        const all = await eventually(() => readEverything(store, null, 7), (r) => r.length >= appended.length);
        expect(all.map((e) => e.eventId)).toEqual(appended);
        for (const stream of ['household-0', 'household-1', 'household-2']) {
          const versions = (await store.readStream(stream)).map((e) => e.streamVersion);
          expect(versions).toEqual(versions.map((_, i) => i + 1));
        }
      });

      it('holds a 10,000-event stream and reads it whole and from the middle', async () => {
        const all = events(10_000, 'LedgerLineRecorded');
        for (let i = 0; i < all.length; i += 500) {
          await store.appendToStream('big', all.slice(i, i + 500), { expectedVersion: i });
        }
        const whole = await store.readStream('big');
        expect(whole).toHaveLength(10_000);
        expect(whole.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));

        const middle = await store.readStream('big', { fromVersion: 5_001, maxCount: 100 });
        expect(middle.map((e) => e.streamVersion)).toEqual(Array.from({ length: 100 }, (_, i) => 5_001 + i));

        const afterMiddle = await eventually(() => readEverything(store, whole[4_999].position, 1_000), (r) => r.length >= 5_000);
        expect(afterMiddle).toHaveLength(5_000);
        expect(afterMiddle[0].eventId).toBe(all[5_000].eventId);
        expect(afterMiddle[4_999].eventId).toBe(all[9_999].eventId);
      });
    });

    if (options.hasLateCommitHazard) {
      describe('a late commit', () => {
        it('is never skipped by a reader following its checkpoint', async () => {
          const hold = subject.holdAppend;
          if (!hold) throw new Error('this store has the late-commit hazard but no way to hold an append open');
          const early = events(1);
          await store.appendToStream('early', early);
          const seen: RecordedEvent[] = [];
          let checkpoint: string | null = null;
          const follow = async () => {
            const page = await readEverything(store, checkpoint);
            seen.push(...page);
            if (page.length > 0) checkpoint = page[page.length - 1].position;
          };
          await eventually(follow, () => seen.length === 1);

          // A takes the lower global position, B a higher one and commits first.
          const lateEvent = anEvent('LateCommitted');
          const late = await hold('late', [lateEvent]);
          const onTime = events(2, 'OnTimeCommitted');
          await store.appendToStream('on-time', onTime);
          await follow();
          await late.commit();
          await eventually(follow, () => seen.length >= 4);

          expect(seen.map((e) => e.eventId).sort()).toEqual(
            [early[0].eventId, lateEvent.eventId, ...onTime.map((e) => e.eventId)].sort(),
          );
          expect(seen).toHaveLength(4);
          expect(new Set(seen.map((e) => e.eventId)).size).toBe(4);
        });

        it('leaves no trace when rolled back, and readers move past it', async () => {
          const hold = subject.holdAppend!;
          const rolledBack = await hold('gone', [anEvent()]);
          const kept = events(1);
          await store.appendToStream('kept', kept);
          await rolledBack.rollback();
          const all = await eventually(() => readEverything(store), (r) => r.length >= 1);
          expect(all.map((e) => e.eventId)).toEqual([kept[0].eventId]);
          expect(await store.readStream('gone')).toEqual([]);
        });
      });
    }

    describe('catch-up subscription', () => {
      it('delivers every event once in global order and resumes from its stored checkpoint', async () => {
        const first = events(25);
        await store.appendToStream('a', first.slice(0, 10));
        await store.appendToStream('b', first.slice(10));
        const handled: string[] = [];
        const make = () =>
          new CatchUpSubscription({
            subscriptionId: 'ledger',
            store,
            checkpoints: subject.checkpoints,
            batchSize: 4,
            handle: async (batch) => {
              handled.push(...batch.map((e) => e.eventId));
            },
          });
        await eventually(() => make().catchUp(), () => handled.length >= 25);
        expect(handled).toEqual(first.map((e) => e.eventId));

        const second = events(5);
        await store.appendToStream('a', second);
        await eventually(() => make().catchUp(), () => handled.length >= 30);
        expect(handled).toEqual([...first, ...second].map((e) => e.eventId));
        expect(await subject.checkpoints.load('ledger')).toBe((await readEverything(store)).at(-1)!.position);
      });

      it('delivers a failed batch again, so nothing is lost', async () => {
        await store.appendToStream('a', events(3));
        let fail = true;
        const handled: string[] = [];
        const subscription = new CatchUpSubscription({
          subscriptionId: 'flaky',
          store,
          checkpoints: subject.checkpoints,
          handle: async (batch) => {
            if (fail) throw new Error('projection database unavailable');
            handled.push(...batch.map((e) => e.eventId));
          },
        });
        await eventually(() => readEverything(store), (r) => r.length >= 3);
        await expect(subscription.catchUp()).rejects.toThrow('projection database unavailable');
        expect(await subject.checkpoints.load('flaky')).toBeNull();
        fail = false;
        await eventually(() => subscription.catchUp(), () => handled.length >= 3);
        expect(handled).toHaveLength(3);
      });
    });
  });
}
