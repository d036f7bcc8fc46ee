import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { InProcessMessageBus } from '@aid/messaging';
import type { ServiceRuntime } from '@aid/platform';
import { startService, type ServiceDefinition } from '@aid/platform/nest';
import { claimsService } from '../../../services/claims/src/definition';
import { enrollmentService } from '../../../services/enrollment/src/definition';
import { payoutService } from '../../../services/payout/src/definition';
import { loadDemo } from './load-demo';

/**
 * Embedded mode: the three services in one process, on one PostgreSQL (each in its own
 * schema, as in production) and the in-process bus instead of Kafka.
 */
const SERVICES: ServiceDefinition[] = [enrollmentService, claimsService, payoutService];

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL: not set (npm start provides an embedded PostgreSQL)');
  const basePort = Number(process.env.AID_LEDGER_BASE_PORT ?? 3001);
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65533) {
    throw new Error(`AID_LEDGER_BASE_PORT: "${process.env.AID_LEDGER_BASE_PORT}" is not a port number`);
  }
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const bus = new InProcessMessageBus();
  const log = (line: string) => process.stderr.write(`[embedded] ${line}\n`);

  const running: { runtime: ServiceRuntime; app: INestApplication }[] = [];
  const lines: string[] = [];
  const urls: Record<string, string> = {};
  for (const [i, definition] of SERVICES.entries()) {
    const { runtime, app, url } = await startService(definition, {
      schema: process.env[`${definition.name.toUpperCase()}_SCHEMA`] ?? definition.name,
      pool,
      bus,
      ownsConnections: false,
      port: basePort === 0 ? 0 : basePort + i,
      log,
    });
    running.push({ runtime, app });
    urls[definition.name] = url;
    lines.push(`  ${definition.name.padEnd(10)} ${url}   (OpenAPI: ${url}/docs, health: ${url}/health)`);
  }
  if (process.env.AID_LEDGER_DEMO !== 'off') {
    const loaded = await loadDemo({ enrollment: urls.enrollment, claims: urls.claims, payout: urls.payout }, log);
    log(loaded ? 'demo data loaded' : 'demo data already there');
  }
  process.stdout.write(
    [
      'aid-ledger is running (embedded mode: one process, in-process bus)',
      ...lines,
      '',
      'Try the demo (four registered poor households, eight bills):',
      `  ${urls.claims}/claims/XA-2019-0001                     settlement statement (一单式结算单)`,
      `  ${urls.payout}/households/XA-0001/ledger?year=2019      the household's aid ledger`,
      `  ${urls.payout}/hospitals/keyouqianqi-peoples-hospital/receivables?year=2019`,
      `  ${urls.enrollment}/households/XA-0001                   the household as registered`,
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const { runtime, app } of running.reverse()) {
      await app.close();
      await runtime.stop();
    }
    await bus.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`embedded mode failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
