import { PostgresEventStore } from '@aid/event-store';
import { Pool } from 'pg';
import { migratePayoutDataSource } from '../database/data-source';
import { payoutDataSource } from '../payout';
import { formatReport, parseRebuildArgs } from './cli';
import { rebuildProjection, type RebuildProgress } from './rebuild';

/**
 * `npm run rebuild -- --projection household-ledger|hospital-receivables|all [--no-compare]`
 * Env: DATABASE_URL, PAYOUT_SCHEMA (default `payout`). Exit 0: rebuilt and equal to the live
 * tables; 3: rebuilt, but some table differs from its live version; 1: failed; 2: bad usage.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parseRebuildArgs(argv, env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.problems.join('\n')}\n\n${parsed.usage}\n`);
    return 2;
  }
  const { projection, schema, databaseUrl, compare } = parsed.args;
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  try {
    // The same migrations as the service runs at start, so the live tables exist to copy.
    const store = new PostgresEventStore({ pool, schema });
    await store.migrate();
    const dataSource = payoutDataSource({ schema, connection: databaseUrl, poolSize: 1 });
    await migratePayoutDataSource(dataSource);
    await dataSource.destroy();
    process.stdout.write(`rebuilding ${projection} in schema ${schema}\n`);
    let lastPrinted = 0;
    const report = await rebuildProjection(pool, schema, projection, {
      compare,
      onProgress: (p: RebuildProgress) => {
        const now = performance.now();
        if (p.phase === 'replay' && now - lastPrinted < 1000) return;
        lastPrinted = now;
        process.stderr.write(
          `  ${p.phase.padEnd(9)} ${p.events} events${p.position ? ` (at position ${p.position})` : ''}\n`,
        );
      },
    });
    process.stdout.write(formatReport(report));
    return report.equal ? 0 : 3;
  } catch (err) {
    process.stderr.write(`rebuild failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`rebuild failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
