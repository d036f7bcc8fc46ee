import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/** The database the test run was given (the global setup always sets it). */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set: run tests through `npm test` (or Jest with the int/e2e projects)');
  }
  return url;
}

export interface TestSchema {
  schema: string;
  pool: Pool;
  /** Drops the schema and ends the pool. */
  drop(): Promise<void>;
}

/** A fresh schema per test file, so files run in parallel without seeing each other. */
export async function createTestSchema(prefix: string, options: { max?: number } = {}): Promise<TestSchema> {
  const schema = `t_${prefix.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: options.max ?? 10 });
  await pool.query(`create schema ${schema}`);
  return {
    schema,
    pool,
    async drop() {
      await pool.query(`drop schema if exists ${schema} cascade`);
      await pool.end();
    },
  };
}
