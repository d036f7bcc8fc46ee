import type { BrokerStatus, ConsumerStatus, MessageBus } from '@aid/messaging';
import type { Relay, RelayStatus } from '@aid/relay';
import type { Pool } from 'pg';

/** What /ready answers: each dependency of one service, and whether all of them are fine. */
export interface Readiness {
  status: 'ready' | 'not ready';
  service: string;
  /** One line per dependency that is not fine; empty when ready. */
  reasons: string[];
  postgres: { reachable: boolean; error?: string };
  broker: BrokerStatus;
  /** null when the relay's backlog could not be read (PostgreSQL is away, and says so). */
  relay: RelayStatus | null;
  consumers: ({ name: string } & ConsumerStatus)[];
}

export interface ReadinessInputs {
  service: string;
  pool: Pool;
  bus: MessageBus;
  relay: Pick<Relay, 'status'>;
  consumers: { name: string; status: ConsumerStatus }[];
  /** Longest a dependency may take to answer (default 2 s); slower counts as down. */
  timeoutMs?: number;
  /** A relay whose oldest unpublished event is older than this is behind (default 60 s). */
  maxRelayLagMs?: number;
}

export async function readiness(inputs: ReadinessInputs): Promise<Readiness> {
  const timeoutMs = inputs.timeoutMs ?? 2_000;
  const maxLag = inputs.maxRelayLagMs ?? 60_000;
  const [pg, broker, relay] = await Promise.all([
    settle(within(inputs.pool.query('select 1'), timeoutMs, 'PostgreSQL')),
    inputs.bus.status(),
    settle(within(inputs.relay.status(), timeoutMs, 'the relay backlog')),
  ]);
  const postgres = pg.ok ? { reachable: true } : { reachable: false, error: pg.error };
  const reasons: string[] = [];
  if (!postgres.reachable) reasons.push(`postgres: unreachable (${pg.ok ? '' : pg.error})`);
  if (!broker.connected) reasons.push(`broker: not connected (${broker.error ?? 'no answer'})`);
  if (!relay.ok) {
    reasons.push(`relay: backlog unknown (${relay.error})`);
  } else if (relay.value.state === 'failing') {
    reasons.push(`relay: publishing fails since ${relay.value.failingSince} (${relay.value.lastError})`);
  } else if ((relay.value.oldestPendingAgeMs ?? 0) > maxLag) {
    reasons.push(`relay: behind, oldest unpublished event stored ${relay.value.oldestPendingAt}`);
  }
  for (const c of inputs.consumers) {
    if (c.status.state !== 'running') {
      reasons.push(
        `consumer ${c.name}: ${c.status.state} since ${c.status.since}${c.status.lastError ? ` (${c.status.lastError})` : ''}`,
      );
    }
  }
  return {
    status: reasons.length === 0 ? 'ready' : 'not ready',
    service: inputs.service,
    reasons,
    postgres,
    broker,
    relay: relay.ok ? relay.value : null,
    consumers: inputs.consumers.map((c) => ({ name: c.name, ...c.status })),
  };
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: string };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value): Settled<T> => ({ ok: true, value }),
    (err: unknown): Settled<T> => ({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
