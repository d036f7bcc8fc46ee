import { PostgresEventStore } from '@aid/event-store';
import { createTestSchema, type TestSchema } from '@aid/testing';
import { seedPayables, seedPayablesBulk } from './seed';

describe('seeding payables for rebuilds and benchmarks', () => {
  let appended: TestSchema;
  let bulk: TestSchema;

  beforeAll(async () => {
    [appended, bulk] = await Promise.all([createTestSchema('payout_seed_a'), createTestSchema('payout_seed_b')]);
    await new PostgresEventStore({ pool: appended.pool, schema: appended.schema }).migrate();
    await new PostgresEventStore({ pool: bulk.pool, schema: bulk.schema }).migrate();
  });
  afterAll(async () => {
    await appended.drop();
    await bulk.drop();
  });

  it('stores through bulk inserts exactly the events that appending through the store stores', async () => {
    const options = { claims: 120, households: 17, hospitals: 3 };
    const n = await seedPayables(new PostgresEventStore({ pool: appended.pool, schema: appended.schema }), options);
    expect(await seedPayablesBulk(bulk.pool, bulk.schema, options)).toBe(n);
    const rows = (t: TestSchema) =>
      t.pool
        .query(
          `select stream_id, stream_version, event_id, event_type, schema_version, data, metadata from ${t.schema}.events order by stream_id, stream_version`,
        )
        .then((r) => r.rows);
    const streams = (t: TestSchema) =>
      t.pool.query(`select * from ${t.schema}.streams order by stream_id`).then((r) => r.rows);
    expect(await rows(bulk)).toEqual(await rows(appended));
    expect(await streams(bulk)).toEqual(await streams(appended));
    expect(n).toBeGreaterThan(120 * 2);
  });
});
