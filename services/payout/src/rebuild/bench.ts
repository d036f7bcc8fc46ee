import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { PostgresEventStore } from '@aid/event-store';
import { Pool } from 'pg';
import { migratePayoutDataSource } from '../database/data-source';
import { payoutDataSource } from '../payout';
import { formatReport } from './cli';
import { rebuildProjection, REBUILD_TARGETS, type RebuildTarget } from './rebuild';
import { seedPayables, seedPayablesBulk } from './seed';

/**
 * Measures the rebuild in a throwaway schema:
 *   node dist/services/payout/src/rebuild/bench.js [--events 1000000 | --claims N]
 *     [--projection household-ledger|hospital-receivables|all] [--appends] [--json FILE] [--keep]
 * Seeds the payables of synthetic claims (4 events per claim on average; bulk inserts of the
 * very events appends would store, or `--appends` for real appends), builds the live tables
 * (a first rebuild, not compared), then measures a second rebuild, compared with the live
 * tables. Prints the report; `--json FILE` also writes
 * `{ name: "rebuild", scenario, eventsPerSecond, events, seconds, equal }`. Drops the schema
 * unless `--keep`. DATABASE_URL (default the local server).
 */
async function bench(argv: string[]): Promise<number> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const events = arg('--events');
  const claims = Number(arg('--claims') ?? Math.ceil(Number(events ?? 1_000_000) / 4));
  const projection = (arg('--projection') ?? 'household-ledger') as RebuildTarget;
  if (!Number.isInteger(claims) || claims < 1 || !(REBUILD_TARGETS as readonly string[]).includes(projection)) {
    process.stderr.write(
      `usage: bench.js [--events N | --claims N] [--projection ${REBUILD_TARGETS.join('|')}] [--appends] [--json FILE] [--keep]\n`,
    );
    return 2;
  }
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `payout_bench_${randomBytes(3).toString('hex')}`;
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const store = new PostgresEventStore({ pool, schema });
  const dataSource = payoutDataSource({ schema, connection: databaseUrl });
  try {
    await store.migrate();
    await migratePayoutDataSource(dataSource);
    await dataSource.destroy();
    let t = performance.now();
    const seeded = argv.includes('--appends')
      ? await seedPayables(store, { claims })
      : await seedPayablesBulk(pool, schema, { claims });
    process.stderr.write(
      `seeded ${seeded} events (${claims} claims) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
    );
    t = performance.now();
    await rebuildProjection(pool, schema, projection, { compare: false });
    process.stderr.write(
      `built the live tables (a first rebuild, not compared) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
    );
    const report = await rebuildProjection(pool, schema, projection);
    process.stdout.write(formatReport(report));
    const file = arg('--json');
    if (file) {
      const result = {
        name: 'rebuild',
        scenario: `${projection === 'all' ? 'all projections' : projection.replace('-', ' ')} from ${report.replay.events.toLocaleString('en-US')} events`,
        eventsPerSecond: report.replay.eventsPerSecond,
        events: report.replay.events,
        seconds: report.replay.ms / 1000,
        totalSeconds: report.totalMs / 1000,
        equal: report.equal,
      };
      await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    }
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
