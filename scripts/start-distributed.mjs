// `npm run start:distributed`: each service in its own process over Kafka and PostgreSQL.
// Uses DATABASE_URL and KAFKA_BROKERS when set; otherwise starts an embedded PostgreSQL
// and a local broker from the Apache Kafka jars (needs Java 17 and Maven), and stops them
// on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build, ensureInstalled, root, startEmbeddedPostgres } from './ensure-installed.mjs';

ensureInstalled();
build();

const children = [];
const cleanups = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startKafka() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aid-ledger-kafka-'));
  const port = await freePort();
  const env = { ...process.env, KAFKA_DATA_DIR: dataDir, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(await freePort()) };
  const result = spawnSync('bash', [path.join(root, 'infra', 'kafka', 'kafka.sh'), 'start'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error('the local Kafka broker did not start (see above)');
  const brokers = /KAFKA_BROKERS=(\S+)/.exec(result.stdout.toString())?.[1];
  cleanups.push(() => spawnSync('bash', [path.join(root, 'infra', 'kafka', 'kafka.sh'), 'stop', '--clean'], { env, stdio: 'inherit' }));
  return brokers;
}

let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write('Starting embedded PostgreSQL...\n');
  const pg = await startEmbeddedPostgres();
  databaseUrl = pg.url;
  cleanups.push(() => pg.child.kill('SIGTERM'));
}
let brokers = process.env.KAFKA_BROKERS;
if (!brokers) {
  process.stderr.write('Starting a local Kafka broker from the jars...\n');
  brokers = await startKafka();
}

// Like embedded mode, a local signing key the services trust and `aid token` signs with,
// unless the environment names an identity provider.
let authEnv = {};
if (!process.env.AUTH_JWKS_FILE && !process.env.AUTH_JWKS_URL) {
  const { createRequire } = await import('node:module');
  const auth = createRequire(import.meta.url)(path.join(root, 'dist/libs/auth/src/index.js'));
  authEnv = auth.writeLocalIssuer(auth.EMBEDDED_KEY_DIR, auth.EMBEDDED_ISSUER).env;
  process.stderr.write('Tokens: npm run --silent aid -- token --role ROLE (see docs/security.md)\n');
}

for (const service of ['enrollment', 'claims', 'payout']) {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, `dist/services/${service}/src/main.js`)], {
    stdio: 'inherit',
    env: { ...process.env, ...authEnv, DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers },
  });
  children.push(child);
}

let stopping = false;
function stopAll() {
  if (stopping) return;
  stopping = true;
  let left = children.filter((c) => c.exitCode === null).length;
  const finish = () => {
    for (const cleanup of cleanups.reverse()) cleanup();
    process.exit(0);
  };
  if (left === 0) finish();
  for (const c of children) {
    c.once('exit', () => {
      left -= 1;
      if (left === 0) finish();
    });
    c.kill('SIGTERM');
  }
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
for (const c of children) c.on('exit', (code) => code && stopAll());
