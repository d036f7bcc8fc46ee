import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { writeLocalIssuer } from '@aid/auth';

/**
 * Jest global setup for the int and e2e tiers: PostgreSQL from DATABASE_URL, else an
 * embedded server; Kafka from KAFKA_BROKERS, else a local broker started from the Apache
 * Kafka jars (infra/kafka). Whatever cannot be had fails the run: nothing is skipped.
 */
const root = path.resolve(__dirname, '..', '..', '..');

interface Started {
  postgres?: ChildProcess;
  kafka?: { stop(): Promise<void> };
}

declare global {
  var __aidLedgerInfra: Started | undefined;
}

function startEmbeddedPostgres(): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'embedded-postgres.mjs')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('embedded PostgreSQL did not start within 60 s'));
    }, 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /DATABASE_URL=(\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited with code ${code} before it was ready`));
    });
  });
}

async function describePostgres(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>('select current_setting($$server_version$$) as v');
    return rows[0].v;
  } finally {
    await client.end();
  }
}

function buildOnce(): void {
  // The e2e tier and the relay drills run the built code (dist/) as real processes.
  if (process.env.AID_LEDGER_BUILT) return;
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    env: { ...process.env, QUIET_BUILD: '1' },
    stdio: 'inherit',
  });
  process.env.AID_LEDGER_BUILT = '1';
}

/**
 * A key of the tests' own that every service under test trusts (the services inherit this
 * environment); `testToken` in ./auth signs with it.
 */
function trustTestKey(): void {
  if (process.env.AID_LEDGER_TEST_SIGNING_KEY) return;
  const issuer = writeLocalIssuer(path.join(os.tmpdir(), `aid-ledger-test-auth-${process.pid}`), 'urn:aid-ledger:test');
  Object.assign(process.env, issuer.env, { AID_LEDGER_TEST_SIGNING_KEY: issuer.signingKeyFile });
}

export default async function globalSetup(): Promise<void> {
  const started: Started = globalThis.__aidLedgerInfra ?? {};
  globalThis.__aidLedgerInfra = started;
  buildOnce();
  trustTestKey();

  if (!process.env.DATABASE_URL) {
    const { url, child } = await startEmbeddedPostgres();
    started.postgres = child;
    process.env.DATABASE_URL = url;
    process.env.AID_LEDGER_PG_SOURCE = 'embedded';
  }
  try {
    const version = await describePostgres(process.env.DATABASE_URL);
    console.log(`\nPostgreSQL ${version} (${process.env.AID_LEDGER_PG_SOURCE ?? 'DATABASE_URL'})`);
  } catch (err) {
    throw new Error(`PostgreSQL at DATABASE_URL is not reachable: ${(err as Error).message}`);
  }

  if (!process.env.KAFKA_BROKERS) {
    // Loaded here so that a run with KAFKA_BROKERS given never touches the jars.
    const { startKafka } = require('./kafka-broker') as typeof import('./kafka-broker');
    const broker = await startKafka();
    started.kafka = broker;
    process.env.KAFKA_BROKERS = broker.brokers;
    process.env.KAFKA_VERSION = broker.version;
  }
  if (!process.env.KURRENTDB_CONNECTION_STRING) {
    console.log('KurrentDB contract suite not run: KURRENTDB_CONNECTION_STRING is not set');
  }
  console.log(`Kafka broker ${process.env.KAFKA_VERSION ?? '(version not reported)'} at ${process.env.KAFKA_BROKERS}`);
}
