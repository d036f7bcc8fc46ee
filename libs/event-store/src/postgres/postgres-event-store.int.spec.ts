import { createTestSchema } from '@aid/testing';
import { eventStoreContract } from '../contract/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

eventStoreContract(
  'PostgreSQL',
  async () => {
    const db = await createTestSchema('es', { max: 12 });
    const store = new PostgresEventStore({ pool: db.pool, schema: db.schema });
    await store.migrate();
    return {
      store,
      checkpoints: store.checkpoints(),
      holdAppend: async (streamId, events) => {
        const client = await db.pool.connect();
        await client.query('begin');
        await store.appendWith(client, streamId, events);
        const end = async (sql: string) => {
          await client.query(sql);
          client.release();
        };
        return { commit: () => end('commit'), rollback: () => end('rollback') };
      },
      tearDown: () => db.drop(),
    };
  },
  { hasLateCommitHazard: true },
);
