import type { PostgresEventStore } from '@aid/event-store';
import type { MessageBus } from '@aid/messaging';
import type { ServiceRuntime, Worker } from '@aid/platform';
import type { BillSettledV1, EventEnvelope } from '@aid/contracts';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { createPayoutDataSource, migratePayoutDataSource, type PayoutDataSourceOptions } from './database/data-source';
import { hospitalReceivablesProjection } from './hospital-receivables/hospital-receivables.projection';
import { householdLedgerProjection } from './household-ledger/household-ledger.projection';
import type { ProjectionDefinition } from './projection/projection';
import { projectionWorker, type ProjectionWorker } from './projection/projection-worker';
import { typeormTransactions } from './projection/transactions';
import { recordPayables, recordPayablesConsumer } from './record-payables/record-payables';

/**
 * Every read model of payout, each defined in its own folder (migration, rows, evolve, SQL,
 * queries, tests) and listed here, once: the workers, the data source and the rebuild all
 * take them from this list. (The claim payables are no projection: they are read from the
 * claim's stream.)
 */
export const PAYOUT_PROJECTIONS = [householdLedgerProjection, hospitalReceivablesProjection] as const;
export type PayoutProjection = (typeof PAYOUT_PROJECTIONS)[number];
export type PayoutProjectionName = PayoutProjection['name'];

/** The read models' data source, with every projection's entities and migrations. */
export function payoutDataSource(options: Omit<PayoutDataSourceOptions, 'entities' | 'migrations'>): DataSource {
  return createPayoutDataSource({
    ...options,
    entities: PAYOUT_PROJECTIONS.flatMap((p): ProjectionDefinition['entities'] => p.entities),
    migrations: PAYOUT_PROJECTIONS.flatMap((p): ProjectionDefinition['migrations'] => p.migrations),
  });
}

export interface PayoutDeps {
  schema: string;
  /** The runtime's pool: the event store and the consumer's transactions. */
  pool: Pool;
  store: PostgresEventStore;
  bus: MessageBus;
  log?: (line: string) => void;
  /** Options for the projection workers (tests make them poll faster). */
  projections?: { batchSize?: number; idleDelayMs?: number };
}

/**
 * Payout's parts, outside any framework: the read models' data source, the workers that
 * feed them, and the consumer of settlements. The Nest module only hands `dataSource` and
 * `store` to the controllers.
 */
export class Payout {
  readonly dataSource: DataSource;
  readonly projectionWorkers: ProjectionWorker[];
  readonly consumer: Worker;

  constructor(readonly deps: PayoutDeps) {
    this.dataSource = payoutDataSource({ schema: deps.schema, connection: deps.pool.options });
    const transactions = typeormTransactions(this.dataSource);
    this.projectionWorkers = PAYOUT_PROJECTIONS.map((projection) =>
      projectionWorker({
        projection,
        schema: deps.schema,
        store: deps.store,
        checkpoints: deps.store.checkpoints(),
        transactions,
        log: deps.log,
        ...deps.projections,
      }),
    );
    this.consumer = recordPayablesConsumer({ bus: deps.bus, pool: deps.pool, schema: deps.schema, store: deps.store });
  }

  get store(): PostgresEventStore {
    return this.deps.store;
  }

  /** Records a settled bill's payables inside the caller's transaction, as the consumer does. */
  recordSettlement(
    client: PoolClient,
    settlement: BillSettledV1,
    envelope: Pick<EventEnvelope, 'eventId' | 'correlationId' | 'occurredAt'>,
  ): ReturnType<typeof recordPayables> {
    return recordPayables(this.deps.store, client, settlement, envelope);
  }

  /** The read models' tables (TypeORM migrations). Needs the schema, which the event store creates. */
  migrate(): Promise<void> {
    return migratePayoutDataSource(this.dataSource);
  }

  /** Closes the data source once nothing reads or writes the read models any more. */
  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /**
   * Hooks payout into the runtime before it starts: the migrations run after the event store's,
   * then the workers start in order (projections, then the consumer) and stop in reverse.
   */
  register(runtime: ServiceRuntime): void {
    runtime.migrations.push(() => this.migrate());
    // Registered first, so stopped last: the data source outlives every worker using it.
    runtime.addWorker({ name: 'payout:read-models', start: async () => undefined, stop: () => this.close() });
    for (const worker of this.projectionWorkers) runtime.addWorker(worker);
    runtime.addWorker(this.consumer);
  }
}

const byRuntime = new WeakMap<ServiceRuntime, Payout>();

/** The one Payout of a runtime: `prepare` registers it, the module reads from it. */
export function payoutOf(runtime: ServiceRuntime): Payout {
  let payout = byRuntime.get(runtime);
  if (!payout) {
    payout = new Payout({
      schema: runtime.options.schema,
      pool: runtime.pool,
      store: runtime.store,
      bus: runtime.bus,
      log: runtime.options.log,
    });
    byRuntime.set(runtime, payout);
  }
  return payout;
}
