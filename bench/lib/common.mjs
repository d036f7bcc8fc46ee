// Shared helpers of the benchmarks (bench/*.mjs). Not a test: nothing here asserts a timing.
//
// Every benchmark runs against DATABASE_URL (scripts/bench.mjs resolves it) and makes its own
// databases, named aidbench_<run>_<bench>_<what>, which it drops when done; scripts/bench.mjs
// also drops any left behind by a run that crashed.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const requireFromRoot = createRequire(path.join(root, 'package.json'));
export const pg = requireFromRoot('pg');

/** A module of the build output (run `node scripts/build.mjs` first; scripts/bench.mjs does). */
export function dist(relative) {
  return requireFromRoot(path.join(root, 'dist', relative));
}

/** `--name value` and `--flag` options; `--name=value` too. */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out._.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq !== -1) {
      out[a.slice(2, eq)] = a.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      out[a.slice(2)] = argv[++i];
    } else {
      out[a.slice(2)] = true;
    }
  }
  return out;
}

export function log(...parts) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${parts.join(' ')}\n`);
}

export function requireDatabaseUrl() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (run the benchmarks through `npm run bench`)');
  return url;
}

export function withDatabaseName(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A run id shared by all the databases of one `npm run bench`, so leftovers can be found. */
export function runId() {
  return (process.env.BENCH_RUN_ID ?? randomBytes(3).toString('hex')).toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Creates a fresh database for one benchmark cell and returns its URL and a `drop()`.
 * The database is dropped on SIGINT/SIGTERM too.
 */
export async function freshDatabase(label) {
  const adminUrl = requireDatabaseUrl();
  const name = `aidbench_${runId()}_${label}_${randomBytes(2).toString('hex')}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 63);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(`drop database if exists ${name} with (force)`);
    } finally {
      await c.end();
    }
  };
  const onSignal = () => {
    drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    name,
    url: withDatabaseName(adminUrl, name),
    async drop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await drop();
    },
  };
}

// ---------------------------------------------------------------------------------------
// The events every benchmark writes: a settled hospital bill, ~400 bytes as a row
// (data ~225 B + metadata ~115 B of JSON, a UUID, the stream id and the type), spread over
// 10,000 streams (one per household).

export const STREAMS = 10_000;
export const EVENT_TYPE = 'BillSettled';

export function streamName(index) {
  return `household-${String(index).padStart(5, '0')}`;
}

const pad = (n, w) => String(n).padStart(w, '0');

/** Event data for bill number n; mirrored exactly by `eventSqlExpressions` below. */
export function eventData(n) {
  const total = 10_000 + ((n * 7919) % 5_000_000);
  return {
    billId: `B${pad(n, 9)}`,
    memberId: `M${pad(n % 200_000, 8)}`,
    hospitalId: `HOSP-${pad(n % 400, 4)}`,
    serviceDate: '2019-05-12',
    totalCostFen: total,
    eligibleCostFen: total - (total % 1000),
    basicMedicalFen: Math.floor(total * 0.6),
    medicalAssistanceFen: Math.floor(total * 0.25),
    outOfPocketFen: total - Math.floor(total * 0.6) - Math.floor(total * 0.25),
  };
}

const OCCURRED_AT = '2019-05-12T08:30:00.000Z';

export function eventMetadata(stream, correlationId) {
  return { correlationId, partitionKey: stream, occurredAt: OCCURRED_AT };
}

/** A NewEvent of the project's port (event id and correlation id are fresh UUIDs). */
export function newEvent(n, stream) {
  const eventId = randomUUID();
  return { eventId, type: EVENT_TYPE, schemaVersion: 1, data: eventData(n), metadata: eventMetadata(stream, eventId) };
}

/**
 * SQL expressions that build the same events server-side from an integer `i` (bill
 * number, 0-based): used to load a million events in seconds instead of minutes.
 */
export function eventSqlExpressions(i = 'i') {
  const total = `(10000 + ((${i}::bigint * 7919) % 5000000))`;
  const data = `jsonb_build_object(
      'billId', 'B' || lpad(${i}::text, 9, '0'),
      'memberId', 'M' || lpad((${i} % 200000)::text, 8, '0'),
      'hospitalId', 'HOSP-' || lpad((${i} % 400)::text, 4, '0'),
      'serviceDate', '2019-05-12',
      'totalCostFen', ${total},
      'eligibleCostFen', ${total} - (${total} % 1000),
      'basicMedicalFen', floor(${total} * 0.6)::bigint,
      'medicalAssistanceFen', floor(${total} * 0.25)::bigint,
      'outOfPocketFen', ${total} - floor(${total} * 0.6)::bigint - floor(${total} * 0.25)::bigint)`;
  const stream = `('household-' || lpad((${i} % ${STREAMS})::text, 5, '0'))`;
  const version = `(${i} / ${STREAMS} + 1)`;
  const eventId = `gen_random_uuid()`;
  const metadata = (id) =>
    `jsonb_build_object('correlationId', ${id}::text, 'partitionKey', ${stream}, 'occurredAt', '${OCCURRED_AT}')`;
  return { data, stream, version, eventId, metadata };
}

// ---------------------------------------------------------------------------------------
// COPY through node-postgres without pg-copy-streams (not installed): a minimal
// "submittable" that the pg client drives like a query. COPY ... TO STDOUT delivers one
// CopyData message per row in text format.

/** Runs `COPY (...) TO STDOUT`; calls onChunk(buffer) per CopyData message; resolves with counts. */
export function copyOut(client, sql, onChunk = () => {}) {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let bytes = 0;
    let failed = null;
    client.query({
      submit(connection) {
        connection.query(sql);
      },
      handleCopyData(msg) {
        rows++;
        bytes += msg.chunk.length;
        onChunk(msg.chunk);
      },
      handleCommandComplete() {},
      handleReadyForQuery() {
        if (failed) reject(failed);
        else resolve({ rows, bytes });
      },
      handleError(err) {
        failed = err;
        reject(err);
      },
      handleCopyInResponse(connection) {
        connection.sendCopyFail('not a COPY FROM');
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
    });
  });
}

// ---------------------------------------------------------------------------------------
// Measurement helpers

export function now() {
  return performance.now();
}

export function round(n, digits = 0) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Waits until every transaction up to now is older than the cluster's snapshot xmin. */
export async function waitUntilVisible(client, timeoutMs = 120_000) {
  const { rows } = await client.query('select pg_current_xact_id()::text as xid');
  // pg_current_xact_id() took a new xid; once xmin passes it, every earlier commit is visible.
  const target = rows[0].xid;
  const started = Date.now();
  for (;;) {
    const r = await client.query('select $1::xid8 < pg_snapshot_xmin(pg_current_snapshot()) as visible', [target]);
    if (r.rows[0].visible) return;
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        'another transaction on this PostgreSQL server has stayed open for minutes; readers in ' +
          'commit-safe order cannot pass it (see docs/adr/0003). Close it and run again.',
      );
    }
    await new Promise((r2) => setTimeout(r2, 100));
  }
}

// ---------------------------------------------------------------------------------------
// Child processes

/**
 * Runs `node <script> ...args --json <tmp>` and returns the parsed JSON it wrote. Its stderr
 * passes through; its stdout too (prefixed), so progress stays visible.
 */
export async function runNodeJson(script, args, { env = process.env, cwd = root, prefix = '' } = {}) {
  const out = path.join(os.tmpdir(), `aid-bench-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args, '--json', out], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (d) => {
      for (const line of String(d).split('\n')) if (line.trim()) process.stderr.write(`${prefix}${line}\n`);
    });
    const forward = (sig) => () => child.kill(sig);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (code === 0) resolve();
      else reject(new Error(`${path.relative(root, script)} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
  try {
    return JSON.parse(await readFile(out, 'utf8'));
  } finally {
    await rm(out, { force: true });
  }
}
