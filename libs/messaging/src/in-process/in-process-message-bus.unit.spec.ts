import { messageBusContract, type RawRecord } from '../contract/message-bus.contract';
import type { MessageBus } from '../port';
import { InProcessMessageBus, partitionFor } from './in-process-message-bus';

const asInProcess = (bus: MessageBus) => bus as InProcessMessageBus;

messageBusContract(
  'in-process',
  async () => new InProcessMessageBus({ shutdownGraceMs: 100, onDeadLetter: () => undefined }),
  {
    deliveryTimeoutMs: 4_000,
    publishRaw: (bus, topic, key, value) => asInProcess(bus).publishRaw(topic, { key, value }),
    readRecords: async (bus, topic, count) => {
      let records: RawRecord[] = [];
      const deadline = Date.now() + 4_000;
      while ((records = toRaw(asInProcess(bus), topic)).length < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return records;
    },
  },
);

function toRaw(bus: InProcessMessageBus, topic: string): RawRecord[] {
  return bus.records(topic).map((r) => ({ ...r, value: r.value ?? Buffer.alloc(0) }));
}

describe('partitionFor', () => {
  it('puts a key on the same partition every time, within range', () => {
    for (const key of ['household-1', '户-42', '']) {
      const p = partitionFor(key, 3);
      expect(p).toBe(partitionFor(key, 3));
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(3);
    }
  });

  it('spreads many keys over every partition', () => {
    const used = new Set(Array.from({ length: 100 }, (_, i) => partitionFor(`household-${i}`, 3)));
    expect([...used].sort()).toEqual([0, 1, 2]);
  });
});
