import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one PostgreSQL transaction on a connection of its own: everything it
 * wrote commits together, or nothing does.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch((rollbackError: Error) => {
      // A connection that cannot roll back must not go back to the pool half-way through.
      broken = rollbackError;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
