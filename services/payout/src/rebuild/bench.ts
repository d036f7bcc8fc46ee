import { randomBytes } from 'node:crypto';
import { PostgresEventStore } from '@aid/event-store';
import { Pool } from 'pg';
import { createPayoutDataSource, migratePayoutDataSource } from '../database/data-source';
import { projectionWorker } from '../projection/projection-worker';
import { PROJECTIONS } from '../projection/projections';
import { typeormTransactions } from '../projection/transactions';
import { formatReport } from './cli';
import { rebuildProjection, REBUILD_TARGETS, type RebuildTarget } from './rebuild';
import { seedPayables } from './seed';

/**
 * Measures the rebuild in a throwaway schema:
 *   node dist/services/payout/src/rebuild/bench.js [--claims 30000] [--projection all] [--keep]
 * Seeds payables of synthetic claims (about 3.3 events each), lets the live projections
 * catch up, rebuilds, prints the report and drops the schema (unless --keep). DATABASE_URL.
 */
async function bench(argv: string[]): Promise<number> {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const claims = Number(arg('--claims', '30000'));
  const projection = arg('--projection', 'all') as RebuildTarget;
  if (!Number.isInteger(claims) || claims < 1 || !(REBUILD_TARGETS as readonly string[]).includes(projection)) {
    process.stderr.write(`usage: bench.js [--claims N] [--projection ${REBUILD_TARGETS.join('|')}] [--keep]\n`);
    return 2;
  }
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `payout_bench_${randomBytes(3).toString('hex')}`;
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const store = new PostgresEventStore({ pool, schema });
  const dataSource = createPayoutDataSource({ schema, connection: databaseUrl });
  try {
    await store.migrate();
    await migratePayoutDataSource(dataSource);
    let t = performance.now();
    const events = await seedPayables(store, { claims });
    process.stderr.write(`seeded ${events} events (${claims} claims) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    t = performance.now();
    const transactions = typeormTransactions(dataSource);
    for (const p of projection === 'all' ? PROJECTIONS : PROJECTIONS.filter((x) => x.name === projection)) {
      const worker = projectionWorker({ projection: p, schema, store, checkpoints: store.checkpoints(), transactions, batchSize: 5000 });
      await worker.catchUp();
    }
    process.stderr.write(`live projections caught up (batches of 5,000) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    const report = await rebuildProjection(pool, schema, projection);
    process.stdout.write(formatReport(report));
    return report.equal ? 0 : 3;
  } finally {
    await dataSource.destroy().catch(() => undefined);
    if (!argv.includes('--keep')) await pool.query(`drop schema if exists ${schema} cascade`);
    else process.stderr.write(`kept schema ${schema}\n`);
    await pool.end();
  }
}

bench(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
