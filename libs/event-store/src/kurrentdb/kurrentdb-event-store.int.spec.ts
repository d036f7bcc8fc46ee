import { randomUUID } from 'node:crypto';
import { eventStoreContract } from '../contract/event-store.contract';
import { InMemoryCheckpointStore } from '../subscription/in-memory-checkpoint-store';
import type { EventStore, RecordedEvent } from '../port';
import { KurrentDbEventStore } from './kurrentdb-event-store';

// jest.config.js only collects this file when KURRENTDB_CONNECTION_STRING is set; the
// global setup prints one line saying so when it is not.
const connectionString = process.env.KURRENTDB_CONNECTION_STRING as string;

/**
 * KurrentDB has one $all for the whole server: each test sees its own streams through a
 * prefix, and reads of $all are narrowed to them so the contract's "empty store" holds.
 */
class PrefixedStore implements EventStore {
  constructor(
    private readonly inner: KurrentDbEventStore,
    private readonly prefix: string,
  ) {}
  appendToStream: EventStore['appendToStream'] = (s, e, o) => this.inner.appendToStream(this.prefix + s, e, o);
  readStream: EventStore['readStream'] = async (s, o) => (await this.inner.readStream(this.prefix + s, o)).map(this.strip);
  readAll: EventStore['readAll'] = async (o = {}) => {
    const out: RecordedEvent[] = [];
    let after = o.after ?? null;
    const max = o.maxCount ?? 1000;
    while (out.length < max) {
      const page = await this.inner.readAll({ after, maxCount: 1000 });
      if (page.length === 0) break;
      out.push(...page.filter((e) => e.streamId.startsWith(this.prefix)).map(this.strip));
      after = page[page.length - 1].position;
    }
    return out.slice(0, max);
  };
  close = () => this.inner.close();
  private strip = (e: RecordedEvent): RecordedEvent => ({ ...e, streamId: e.streamId.slice(this.prefix.length) });
}

eventStoreContract(
  'KurrentDB',
  async () => {
    const inner = new KurrentDbEventStore(connectionString);
    const store = new PrefixedStore(inner, `t${randomUUID().slice(0, 8)}-`);
    return { store, checkpoints: new InMemoryCheckpointStore(), tearDown: () => store.close() };
  },
  { hasLateCommitHazard: false },
);
