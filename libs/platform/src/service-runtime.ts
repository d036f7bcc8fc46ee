import { Chainer, PostgresEventStore } from '@aid/event-store';
import { ensureProcessedEventsTable, type ConsumerStatus, type MessageBus } from '@aid/messaging';
import { Relay, type ToPublic } from '@aid/relay';
import { Pool } from 'pg';
import { readiness, type Readiness } from './readiness';

/**
 * Something that runs beside the HTTP edge: a topic consumer, a projection, a scheduler.
 * `start` must not wait for the broker: whatever needs it retries in the background.
 */
export interface Worker {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A consumer's state, for /ready; workers without one are not listed there. */
  status?(): ConsumerStatus;
}

export interface ServiceRuntimeOptions {
  service: string;
  schema: string;
  pool: Pool;
  bus: MessageBus;
  topic: string;
  /** The service's mapping of its stored events to its topic's public ones; the rest stay home. */
  toPublic: ToPublic;
  /** Whether the runtime ends the pool and the bus on stop (false when they are shared). */
  ownsConnections: boolean;
  log?: (line: string) => void;
}

/**
 * What every service stands on, outside any framework: its event store (migrated at start),
 * the bus, and the relay that carries its committed events to its topic.
 */
export class ServiceRuntime {
  readonly store: PostgresEventStore;
  readonly relay: Relay;
  private started = false;
  private readonly workers: Worker[] = [];

  constructor(readonly options: ServiceRuntimeOptions) {
    this.store = new PostgresEventStore({ pool: options.pool, schema: options.schema });
    this.relay = new Relay({
      relayId: `relay:${options.service}`,
      store: this.store,
      checkpoints: this.store.checkpoints(),
      bus: options.bus,
      topic: options.topic,
      toPublic: options.toPublic,
      onError: (err) => options.log?.(`relay ${options.service}: ${(err as Error).message}; will retry`),
    });
    // The hash chain over the events, in their commit order (docs/audit.md).
    const chainerError = (err: unknown) => options.log?.(`chainer ${options.service}: ${(err as Error).message}; will retry`);
    this.addWorker(new Chainer({ pool: options.pool, schema: options.schema, onError: chainerError }));
  }

  get pool(): Pool {
    return this.options.pool;
  }

  get bus(): MessageBus {
    return this.options.bus;
  }

  /** Registers a worker; it starts with the runtime (after the store is migrated) and stops before it. */
  addWorker(worker: Worker): void {
    if (this.started) throw new Error(`worker ${worker.name} added after the runtime started`);
    this.workers.push(worker);
  }

  /** Runs once the event store exists, before workers start: the service's own migrations. */
  readonly migrations: ((runtime: ServiceRuntime) => Promise<void>)[] = [];

  /** Both steps of `start`, for callers that have no HTTP edge to open in between. */
  async start(): Promise<void> {
    await this.migrate();
    await this.startWorkers();
  }

  /** PostgreSQL only: the event store's and the service's migrations, which HTTP needs. */
  async migrate(): Promise<void> {
    await this.store.migrate();
    await ensureProcessedEventsTable(this.options.pool, this.options.schema);
    for (const migrate of this.migrations) await migrate(this);
  }

  /**
   * The relay and the workers. Nothing here waits for the broker: the relay and the
   * consumers reach it in the background and retry while it is away, so a service answers
   * HTTP (and settles what needs only PostgreSQL) whatever the broker's state.
   */
  async startWorkers(): Promise<void> {
    this.relay.start();
    for (const worker of this.workers) await worker.start();
    this.started = true;
  }

  /** Each dependency's state, for /ready: PostgreSQL, the broker, the relay, the consumers. */
  readiness(): Promise<Readiness> {
    return readiness({
      service: this.options.service,
      pool: this.options.pool,
      bus: this.options.bus,
      relay: this.relay,
      consumers: this.workers.flatMap((w) => (w.status ? [{ name: w.name, status: w.status() }] : [])),
    });
  }

  async stop(): Promise<void> {
    if (this.started) {
      for (const worker of [...this.workers].reverse()) await worker.stop();
      await this.relay.stop();
    }
    this.started = false;
    if (this.options.ownsConnections) {
      await this.options.bus.close();
      await this.options.pool.end();
    }
  }
}
