import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { InProcessMessageBus } from '@aid/messaging';
import type { ServiceRuntime } from '@aid/platform';
import {
  EMBEDDED_ISSUER,
  EMBEDDED_KEY_DIR,
  signToken,
  startService,
  writeLocalIssuer,
  type ServiceDefinition,
} from '@aid/platform/nest';
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
  // A local identity provider for the demo, unless the environment names a real one: a new
  // key each start, trusted by the services below, its private half left (mode 0600) where
  // `aid token` finds it.
  const external = Boolean(process.env.AUTH_JWKS_FILE || process.env.AUTH_JWKS_URL);
  const demo = process.env.AID_LEDGER_DEMO !== 'off';
  if (external && demo)
    throw new Error('AID_LEDGER_DEMO: the demo is loaded with the embedded key; with AUTH_JWKS_* set, set it to off');
  const issuer = external ? null : writeLocalIssuer(EMBEDDED_KEY_DIR, EMBEDDED_ISSUER);
  if (issuer) Object.assign(process.env, issuer.env);
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
  if (demo && issuer) {
    const loaded = await loadDemo(
      { enrollment: urls.enrollment, claims: urls.claims, payout: urls.payout },
      (role) => signToken(issuer.key, { sub: 'demo-loader', role, agency: 'demo loader' }, { ttlSeconds: 600 }),
      log,
    );
    log(loaded ? 'demo data loaded' : 'demo data already there');
  }
  process.stdout.write(
    [
      'aid-ledger is running (embedded mode: one process, in-process bus)',
      ...lines,
      '',
      ...(issuer
        ? [
            `Every endpoint but /health and /docs wants a bearer token; the demo's signing key is`,
            `  ${issuer.signingKeyFile} (new at each start). Get one per role and call with curl:`,
            '  TOKEN=$(npm run --silent aid -- token --role auditor)',
            `  curl -H "Authorization: Bearer $TOKEN" ${urls.claims}/claims/XA-2019-0001`,
            '  (roles: hospital --facility F, medical-insurance, civil-affairs, township --township T, finance, auditor, dpo)',
          ]
        : [
            `Tokens: from the identity provider of AUTH_JWKS_FILE / AUTH_JWKS_URL (issuer ${process.env.AUTH_ISSUER}).`,
          ]),
      '',
      'Try the demo (four registered poor households, eight bills), as auditor:',
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
