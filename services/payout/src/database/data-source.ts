import 'reflect-metadata';
import type { PoolConfig } from 'pg';
import { DataSource, MigrationExecutor, type MigrationInterface } from 'typeorm';

export interface PayoutDataSourceOptions {
  schema: string;
  /** How to reach PostgreSQL: a connection string, or the options of an existing pg pool. */
  connection: string | PoolConfig;
  /** Connections for reads and projection batches (default 5). */
  poolSize?: number;
  /** The read models' entities and migrations: each projection brings its own (payout.ts lists them). */
  entities: readonly (new () => object)[];
  migrations: readonly (new () => MigrationInterface)[];
}

/**
 * The read models' TypeORM data source, on the service's own schema. Tables come from the
 * migrations only (never `synchronize`); the entities are for reading them.
 */
export function createPayoutDataSource(options: PayoutDataSourceOptions): DataSource {
  const poolSize = options.poolSize ?? 5;
  const connection =
    typeof options.connection === 'string' ? { connectionString: options.connection } : options.connection;
  return new DataSource({
    type: 'postgres',
    schema: options.schema,
    entities: [...options.entities],
    migrations: [...options.migrations],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: false,
    poolSize,
    // Everything pg needs to connect (connection string, host, ssl...), as the runtime's pool has it.
    extra: { ...connection, max: poolSize },
  });
}

/** Initializes the data source (if needed) and runs pending migrations, one process at a time. */
export async function migratePayoutDataSource(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const schema = (dataSource.options as { schema?: string }).schema as string;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // Two processes starting at once must not both apply a migration.
    await runner.query('select pg_advisory_lock(hashtext($1))', [`aid-ledger:payout-migrations:${schema}`]);
    await runner.query(`create schema if not exists "${schema}"`);
    // On the connection that holds the lock: a data source of one connection cannot deadlock.
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'all';
    await executor.executePendingMigrations();
  } finally {
    await runner
      .query('select pg_advisory_unlock(hashtext($1))', [`aid-ledger:payout-migrations:${schema}`])
      .catch(() => undefined);
    await runner.release();
  }
}
