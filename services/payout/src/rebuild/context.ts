import type { PostgresEventStore } from '@aid/event-store';
import type { Pool, PoolClient } from 'pg';
import type { ProjectionDefinition } from '../projection/projection';

export class RebuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RebuildError';
  }
}

/** What every phase of one rebuild works on. */
export interface RebuildContext {
  pool: Pool;
  store: PostgresEventStore;
  /** The live schema. */
  schema: string;
  /** Where the rebuilt tables are made: `<schema>_rebuild`. */
  shadow: string;
  /** Where the switch moves the old live tables to, before they are dropped: `<schema>_retired`. */
  retired: string;
  projections: readonly ProjectionDefinition[];
  /** The connection that holds the rebuild's session locks, and runs its catch-up and switch. */
  control: PoolClient;
}

export async function withConnection<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}
