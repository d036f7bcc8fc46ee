import { InProcessMessageBus, type MessageBus, type SubscribeOptions } from '@aid/messaging';
import { supervisedSubscription } from './topic-consumer';

// Platform tests may not lean on @aid/testing (module boundaries): a small poll instead.
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe('a supervised subscription', () => {
  it('does not wait for the broker to start, subscribes again with backoff while it is away, then runs', async () => {
    const inner = new InProcessMessageBus();
    let refusals = 2;
    const bus = {
      subscribe: (options: SubscribeOptions) => {
        if (refusals-- > 0) return Promise.reject(new Error('Connection error: connect ECONNREFUSED'));
        return inner.subscribe(options);
      },
    } as unknown as MessageBus;
    const received: string[] = [];
    const worker = supervisedSubscription(
      'test.group',
      bus,
      {
        groupId: 'test.group',
        topics: ['t'],
        handler: async (m) => void received.push(m.eventId),
      },
      { subscribeBackoff: { initialMs: 5, maxMs: 10 } },
    );

    await worker.start();
    expect(worker.status!().state).toBe('reconnecting');
    await waitFor(() => worker.status!().lastError === 'Error: Connection error: connect ECONNREFUSED');
    await waitFor(() => worker.status!().state === 'running');
    expect(refusals).toBeLessThan(0);

    await worker.stop();
    expect(worker.status!()).toMatchObject({ state: 'stopped', lastError: null });
    await inner.close();
  });

  it('stops at once while a subscribe is still waiting, and subscribes no more', async () => {
    let calls = 0;
    const bus = {
      subscribe: (options: SubscribeOptions) => {
        calls++;
        return new Promise((_, reject) =>
          options.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      },
    } as unknown as MessageBus;
    const worker = supervisedSubscription('test.hang', bus, {
      groupId: 'test.hang',
      topics: ['t'],
      handler: async () => undefined,
    });
    await worker.start();
    await worker.stop();
    expect(calls).toBe(1);
    expect(worker.status!().state).toBe('stopped');
  });
});
