import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { Sql } from './projection';

/** Runs `fn` in one transaction: all of its writes commit together, or none do. */
export type RunInTransaction = <T>(fn: (sql: Sql) => Promise<T>) => Promise<T>;

/** A transaction on a connection of the read models' TypeORM data source. */
export function typeormTransactions(dataSource: DataSource): RunInTransaction {
  return async (fn) => {
    const runner = dataSource.createQueryRunner();
    // The pg connection under the query runner: the projection's statements and the event
    // store's checkpoint (PostgresCheckpointStore.storeWith) both run on it.
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      const result = await fn(client);
      await runner.commitTransaction();
      return result;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  };
}

/** A transaction on a connection of a plain pg pool (the rebuild command has no data source). */
export function pgTransactions(pool: Pool): RunInTransaction {
  return async (fn) => {
    const client = await pool.connect();
    return inTransaction(client, fn).finally(() => client.release());
  };
}

/** A transaction on a connection the caller holds. */
export async function inTransaction<T>(client: PoolClient, fn: (sql: Sql) => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}
