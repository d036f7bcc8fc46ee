import type { BrokerStatus, ConsumerStatus, MessageBus } from '@aid/messaging';
import type { RelayStatus } from '@aid/relay';
import { readiness, type ReadinessInputs } from './readiness';

const since = '2019-03-11T10:00:00.000Z';
const publishing: RelayStatus = {
  state: 'publishing',
  lastError: null,
  failingSince: null,
  pending: 0,
  pendingAtLeast: false,
  oldestPendingAt: null,
  oldestPendingAgeMs: null,
};
const running: ConsumerStatus = { state: 'running', lastError: null, since };

function inputs(over: {
  pg?: () => Promise<unknown>;
  broker?: BrokerStatus;
  relay?: () => Promise<RelayStatus>;
  consumers?: ReadinessInputs['consumers'];
}): ReadinessInputs {
  return {
    service: 'claims',
    pool: { query: over.pg ?? (async () => ({ rows: [] })) } as unknown as ReadinessInputs['pool'],
    bus: { status: async () => over.broker ?? { connected: true } } as unknown as MessageBus,
    relay: { status: over.relay ?? (async () => publishing) },
    consumers: over.consumers ?? [{ name: 'claims.member-view', status: running }],
    timeoutMs: 50,
  };
}

describe('readiness', () => {
  it('is ready when PostgreSQL answers, the broker is connected, the relay publishes and every consumer runs', async () => {
    expect(await readiness(inputs({}))).toEqual({
      status: 'ready',
      service: 'claims',
      reasons: [],
      postgres: { reachable: true },
      broker: { connected: true },
      relay: publishing,
      consumers: [{ name: 'claims.member-view', ...running }],
    });
  });

  it('names every dependency that is not fine, and why', async () => {
    const r = await readiness(
      inputs({
        broker: { connected: false, error: 'Connection error: connect ECONNREFUSED 127.0.0.1:9092' },
        relay: async () => ({
          ...publishing,
          state: 'failing',
          failingSince: since,
          lastError: 'KafkaJSConnectionError',
          pending: 4,
        }),
        consumers: [
          {
            name: 'claims.member-view',
            status: { state: 'reconnecting', lastError: 'KafkaJSGroupCoordinatorNotFound', since },
          },
        ],
      }),
    );
    expect(r.status).toBe('not ready');
    expect(r.reasons).toEqual([
      'broker: not connected (Connection error: connect ECONNREFUSED 127.0.0.1:9092)',
      `relay: publishing fails since ${since} (KafkaJSConnectionError)`,
      `consumer claims.member-view: reconnecting since ${since} (KafkaJSGroupCoordinatorNotFound)`,
    ]);
    expect(r.relay?.pending).toBe(4);
  });

  it('counts a relay whose oldest unpublished event is older than a minute as behind', async () => {
    const r = await readiness(
      inputs({
        relay: async () => ({ ...publishing, pending: 9, oldestPendingAt: since, oldestPendingAgeMs: 61_000 }),
      }),
    );
    expect(r.reasons).toEqual([`relay: behind, oldest unpublished event stored ${since}`]);
  });

  it('counts PostgreSQL that fails or does not answer in time as unreachable, the relay backlog as unknown', async () => {
    const hung = () => new Promise<never>(() => undefined);
    const r = await readiness(inputs({ pg: hung, relay: hung }));
    expect(r.status).toBe('not ready');
    expect(r.postgres).toEqual({ reachable: false, error: 'PostgreSQL did not answer within 50 ms' });
    expect(r.relay).toBeNull();
    expect(r.reasons).toEqual([
      'postgres: unreachable (PostgreSQL did not answer within 50 ms)',
      'relay: backlog unknown (the relay backlog did not answer within 50 ms)',
    ]);
  });
});
