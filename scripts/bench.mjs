// `npm run bench`: the benchmarks of issue 5, side by side with a peer and a limit.
//
//   npm run bench                          everything (~11 minutes on 2 cores)
//   npm run bench -- --quick               a smoke run (10x fewer events, shorter windows)
//   npm run bench -- --only append,catchup a subset: append, catchup, relay, settle, rebuild, e2e
//   npm run bench -- --only e2e            only the end-to-end row (HTTP bill → ledger line, ~3 min)
//   npm run bench -- --docs                also rewrite the results section of docs/benchmarks.md
//
// PostgreSQL: DATABASE_URL if set, else postgres://postgres@127.0.0.1:5432/postgres if it
// answers, else an embedded server (scripts/embedded-postgres.mjs) stopped at the end.
// Kafka (relay and e2e): KAFKA_BROKERS if set, else a broker started with infra/kafka/kafka.sh
// and stopped (and its data deleted) at the end. Every benchmark makes fresh databases and
// drops them; whatever a crashed run left behind (aidbench_<run>_*) is dropped here too.
//
// Output: a table on stdout, bench-results/latest.json (gitignored), progress on stderr.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const pg = require('pg');

const BENCHES = {
  append: { file: 'bench/append.mjs', title: 'Append' },
  catchup: { file: 'bench/catch-up.mjs', title: 'Catch-up read' },
  relay: { file: 'bench/relay.mjs', title: 'Relay to Kafka', needsKafka: true },
  settle: { file: 'bench/settlement.mjs', title: 'Settlement' },
  rebuild: { file: null, title: 'Projection rebuild' },
  e2e: { file: 'bench/e2e.mjs', title: 'End to end', needsKafka: true },
};
const ALIASES = { 'catch-up': 'catchup', settlement: 'settle', projection: 'rebuild', 'end-to-end': 'e2e' };
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

function usageError(message) {
  return Object.assign(new Error(message), { usage: true });
}

function parseOptions(argv) {
  const options = { quick: false, docs: false, only: Object.keys(BENCHES) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') options.quick = true;
    else if (a === '--docs') options.docs = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const list = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!list) throw usageError('--only needs a list, e.g. --only append,catchup');
      options.only = list
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean)
        .map((s) => ALIASES[s] ?? s);
      for (const name of options.only) {
        if (!BENCHES[name])
          throw usageError(`--only: unknown benchmark "${name}" (known: ${Object.keys(BENCHES).join(', ')})`);
      }
    } else if (a === '--help' || a === '-h') {
      process.stdout.write('npm run bench [-- --quick] [--only append,catchup,relay,settle,rebuild,e2e] [--docs]\n');
      process.exit(0);
    } else throw usageError(`unknown option ${a} (see npm run bench -- --help)`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------
// Infrastructure: PostgreSQL and Kafka

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts scripts/embedded-postgres.mjs; resolves with its URL and a stop(). */
function startEmbeddedPostgres() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'embedded-postgres.mjs')], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    const exited = new Promise((r) => child.once('exit', r));
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^DATABASE_URL=(\S+)$/m.exec(out);
      if (m) {
        resolve({
          url: m[1],
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code} before it was ready`)));
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a broker with infra/kafka/kafka.sh on free ports; resolves with brokers, version, stop(). */
async function startKafka() {
  const script = path.join(root, 'infra', 'kafka', 'kafka.sh');
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'aid-bench-kafka-')), 'broker');
  let port = await freePort();
  let controller = await freePort();
  while (controller === port) controller = await freePort();
  const env = {
    ...process.env,
    KAFKA_DATA_DIR: dataDir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controller),
  };
  log(`starting a Kafka broker (infra/kafka/kafka.sh, data in ${dataDir})`);
  const started = spawnSync('bash', [script, 'start'], {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (started.status !== 0) throw new Error(`kafka.sh start failed with ${started.status}`);
  const brokers = /^KAFKA_BROKERS=(\S+)$/m.exec(started.stdout)?.[1];
  const version = /^KAFKA_VERSION=(\S+)$/m.exec(started.stdout)?.[1];
  if (!brokers) throw new Error(`kafka.sh start printed no KAFKA_BROKERS: ${started.stdout}`);
  return {
    brokers,
    version,
    stop() {
      log('stopping the Kafka broker');
      spawnSync('bash', [script, 'stop', '--clean'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
      spawnSync('rmdir', [path.dirname(dataDir)]);
    },
  };
}

function kafkaJarVersion() {
  const r = spawnSync('bash', [path.join(root, 'infra', 'kafka', 'kafka.sh'), 'version'], {
    cwd: root,
    encoding: 'utf8',
  });
  return r.status === 0 ? r.stdout.trim() : null;
}

async function dropLeftovers(url, run) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query('select datname from pg_database where datname like $1', [
      `aidbench\\_${run}\\_%`,
    ]);
    for (const { datname } of rows) {
      log(`dropping leftover database ${datname}`);
      await client.query(`drop database if exists ${datname} with (force)`);
    }
  } catch (err) {
    log(`could not drop leftover databases: ${err.message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function describeServer(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql) => Object.values((await client.query(sql)).rows[0])[0];
    const settings = {};
    for (const name of ['fsync', 'synchronous_commit', 'shared_buffers', 'autovacuum', 'max_connections']) {
      settings[name] = await one(`show ${name}`);
    }
    return { version: await one('show server_version'), settings };
  } finally {
    await client.end();
  }
}

function gitDescribe() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'libs', 'bench', 'scripts'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (head.status !== 0) return null;
  return `${head.stdout.trim()}${dirty.stdout.trim() ? ' + uncommitted changes' : ''}`;
}

// ---------------------------------------------------------------------------------------
// Running the benchmarks

function runBench(file, args, env) {
  const out = path.join(os.tmpdir(), `aid-bench-result-${process.pid}-${randomBytes(3).toString('hex')}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, file), ...args, '--json', out], {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const onSignal = (sig) => child.kill(sig);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    child.on('error', reject);
    child.on('exit', async (code, signal) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (code !== 0) {
        reject(new Error(`${file} exited with ${code ?? signal}`));
        return;
      }
      try {
        const text = await readFile(out, 'utf8');
        await rm(out, { force: true });
        resolve(JSON.parse(text));
      } catch (err) {
        reject(err);
      }
    });
  });
}

/** The projection-rebuild slot: a bench/rebuild.* module, once someone writes one. */
function rebuildModule() {
  for (const candidate of ['bench/rebuild.mjs', 'bench/rebuild.js', 'dist/bench/rebuild.js']) {
    if (existsSync(path.join(root, candidate))) return candidate;
  }
  return null;
}

function notMeasured(bench, scenario, unit, note) {
  return { bench, scenario, unit, ours: null, peer: null, limit: null, note };
}

/** Accepts the row format of bench/*.mjs, or a bare { eventsPerSecond, events, seconds }. */
function rowsOf(result, bench, fallbackScenario, unit) {
  if (Array.isArray(result.rows)) return result.rows;
  const rate = result.eventsPerSecond ?? result.billsPerSecond ?? null;
  return [
    {
      bench,
      scenario: fallbackScenario,
      unit,
      ours: rate,
      peer: result.peer ?? null,
      limit: result.limit ?? null,
      details: result,
    },
  ];
}

// ---------------------------------------------------------------------------------------
// Presentation

const fmt = (n) => (n === null || n === undefined ? 'n/a' : Math.round(n).toLocaleString('en'));
const ratio = (a, b) => (a && b ? a / b : null);
const fmtRatio = (r) => (r === null ? 'n/a' : `${r.toFixed(r < 0.1 ? 3 : 2)}×`);

function withRatios(row) {
  return { ...row, oursToPeer: ratio(row.ours, row.peer), oursToLimit: ratio(row.ours, row.limit) };
}

const HEADER = ['Benchmark', 'Scenario', 'Unit', 'Ours', 'Peer', 'Limit', 'Ours/peer', 'Ours/limit'];

function cells(row) {
  if (row.ours === null && row.note) return [row.bench, row.scenario, row.unit, row.note, '', '', '', ''];
  return [
    row.bench,
    row.scenario,
    row.unit,
    fmt(row.ours),
    fmt(row.peer),
    fmt(row.limit),
    fmtRatio(row.oursToPeer),
    fmtRatio(row.oursToLimit),
  ];
}

function textTable(rows) {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const numeric = new Set([3, 4, 5, 6, 7]);
  const line = (r) =>
    r.map((c, i) => (numeric.has(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function markdownTable(rows) {
  const body = rows.map(cells);
  return [
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (i >= 3 ? '---:' : '---')).join('|')}|`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function legend(results) {
  const lines = [];
  for (const r of results) {
    for (const row of r.rows ?? []) {
      if (row.oursLabel || row.peerLabel || row.limitLabel) {
        const key = `${row.bench}: ours = ${row.oursLabel ?? r.oursLabel ?? '—'}; peer = ${row.peerLabel ?? r.peerLabel ?? '—'}; limit = ${row.limitLabel ?? r.limitLabel ?? '—'}`;
        if (!lines.includes(key)) lines.push(key);
      } else if (r.oursLabel) {
        const key = `${row.bench}: ours = ${r.oursLabel}; peer = ${r.peerLabel}; limit = ${r.limitLabel}`;
        if (!lines.includes(key)) lines.push(key);
      }
    }
  }
  return lines;
}

/** Tables a benchmark adds for figures the main table has no column for (e2e: latency, errors). */
function extraTables(results) {
  return results.flatMap((r) => r.tables ?? []);
}

function plainTable(header, rows, markdown) {
  if (markdown) {
    return [
      `| ${header.join(' | ')} |`,
      `|${header.map(() => '---').join('|')}|`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function extraTablesText(results, markdown) {
  return extraTables(results)
    .map((t) => `${markdown ? `**${t.title}**` : t.title}\n\n${plainTable(t.header, t.rows, markdown)}`)
    .join('\n\n');
}

function machineMarkdown(m) {
  return [
    `- Date: ${m.date}`,
    `- Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory, ${m.platform}`,
    `- PostgreSQL ${m.postgres.version} (${m.postgresSource}; fsync=${m.postgres.settings.fsync}, synchronous_commit=${m.postgres.settings.synchronous_commit}, shared_buffers=${m.postgres.settings.shared_buffers}, autovacuum=${m.postgres.settings.autovacuum}), client and server on the same cores`,
    `- Node ${m.node}; Kafka ${m.kafka ?? 'not used'}${m.kafkaSource ? ` (${m.kafkaSource})` : ''}`,
    `- Code: ${m.git ?? 'unknown'}; mode: ${m.quick ? '--quick' : 'full'}; load average (1 min) ${m.loadAverage.before.toFixed(2)} before, ${m.loadAverage.after.toFixed(2)} after; took ${m.minutes} min`,
  ].join('\n');
}

async function writeDocs(rows, results, m) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const begin = '<!-- bench:results:begin -->';
  const end = '<!-- bench:results:end -->';
  const section = [
    begin,
    '<!-- Written by `npm run bench -- --docs`; edit outside these markers. -->',
    '',
    markdownTable(rows),
    '',
    ...legend(results).map((l) => `- ${l}`),
    ...(extraTables(results).length ? ['', extraTablesText(results, true)] : []),
    '',
    machineMarkdown(m),
    end,
  ].join('\n');
  let text = existsSync(file) ? await readFile(file, 'utf8') : `# Benchmarks\n\n${begin}\n${end}\n`;
  if (!text.includes(begin) || !text.includes(end)) text += `\n${begin}\n${end}\n`;
  text = text.slice(0, text.indexOf(begin)) + section + text.slice(text.indexOf(end) + end.length);
  await writeFile(file, text);
  // Keep the file as the repository's formatter would write it.
  const prettier = path.join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
  if (existsSync(prettier)) spawnSync(process.execPath, [prettier, '--write', file], { cwd: root, stdio: 'ignore' });
  log(`wrote the results section of docs/benchmarks.md`);
}

// ---------------------------------------------------------------------------------------

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const run = randomBytes(3).toString('hex');
  const loadBefore = os.loadavg()[0];
  const cleanups = [];
  let exitCode = 0;

  const cleanup = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()();
      } catch (err) {
        log(`cleanup: ${err.message}`);
      }
    }
  };
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    log('interrupted; cleaning up');
    // The running benchmark gets the signal too and drops its databases; then ours run.
    setTimeout(() => cleanup().finally(() => process.exit(130)), 1500);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    log('building (node scripts/build.mjs)');
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('the build failed');

    let databaseUrl = process.env.DATABASE_URL;
    let postgresSource = 'DATABASE_URL';
    if (!databaseUrl) {
      if (await reachable(DEFAULT_URL)) {
        databaseUrl = DEFAULT_URL;
        postgresSource = 'local server on 127.0.0.1:5432';
      } else {
        log('no PostgreSQL on 127.0.0.1:5432; starting an embedded one');
        const embedded = await startEmbeddedPostgres();
        cleanups.push(() => embedded.stop());
        databaseUrl = embedded.url;
        postgresSource = 'embedded-postgres';
      }
    }
    cleanups.push(() => dropLeftovers(databaseUrl, run));
    const postgres = await describeServer(databaseUrl);

    let kafka = null;
    let kafkaSource = null;
    let brokers = process.env.KAFKA_BROKERS;
    if (options.only.some((b) => BENCHES[b].needsKafka)) {
      if (brokers) {
        kafka = kafkaJarVersion();
        kafkaSource = `KAFKA_BROKERS=${brokers}; version of the jars in infra/kafka`;
      } else {
        const broker = await startKafka();
        cleanups.push(() => broker.stop());
        brokers = broker.brokers;
        kafka = broker.version;
        kafkaSource = 'single-node KRaft broker from infra/kafka/kafka.sh';
      }
    }

    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      BENCH_RUN_ID: run,
      ...(brokers ? { KAFKA_BROKERS: brokers } : {}),
    };
    const args = options.quick ? ['--quick'] : [];
    const results = [];
    const rows = [];
    for (const name of options.only) {
      const bench = BENCHES[name];
      const benchStarted = Date.now();
      if (name === 'rebuild') {
        const module = rebuildModule();
        if (!module) {
          rows.push(
            notMeasured(
              'rebuild',
              'household ledger from 1,000,000 events',
              'events/s',
              'not yet measured (no bench/rebuild.* yet)',
            ),
          );
          continue;
        }
        log(`running ${module}`);
        try {
          const result = await runBench(module, args, env);
          results.push(result);
          rows.push(...rowsOf(result, 'rebuild', 'household ledger from 1,000,000 events', 'events/s'));
        } catch (err) {
          exitCode = 1;
          log(`rebuild failed: ${err.message}`);
          rows.push(
            notMeasured('rebuild', 'household ledger from 1,000,000 events', 'events/s', `failed: ${err.message}`),
          );
        }
        continue;
      }
      log(`running ${bench.file}${options.quick ? ' --quick' : ''}`);
      try {
        const result = await runBench(bench.file, args, env);
        results.push(result);
        rows.push(...result.rows);
        log(`${bench.title} done in ${Math.round((Date.now() - benchStarted) / 1000)} s`);
      } catch (err) {
        if (interrupted) throw err;
        exitCode = 1;
        log(`${bench.title} failed: ${err.message}`);
        rows.push(notMeasured(name, bench.title, '', `failed: ${err.message}`));
      }
    }

    const withR = rows.map(withRatios);
    const machine = {
      date: new Date().toISOString(),
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      postgres,
      postgresSource,
      kafka,
      kafkaSource,
      git: gitDescribe(),
      quick: options.quick,
      only: options.only,
      loadAverage: { before: loadBefore, after: os.loadavg()[0] },
      minutes: Math.round(((Date.now() - started) / 60000) * 10) / 10,
    };

    process.stdout.write(
      `\n${textTable(withR)}\n\n${legend(results).join('\n')}\n\n${
        extraTables(results).length ? `${extraTablesText(results, false)}\n\n` : ''
      }${machineMarkdown(machine).replace(/^- /gm, '')}\n`,
    );
    await mkdir(path.join(root, 'bench-results'), { recursive: true });
    await writeFile(
      path.join(root, 'bench-results', 'latest.json'),
      JSON.stringify({ machine, rows: withR, results }, null, 2) + '\n',
    );
    log('wrote bench-results/latest.json');
    if (options.docs) {
      const everything = Object.keys(BENCHES).every((b) => options.only.includes(b));
      if (options.quick || !everything) log('not writing docs/benchmarks.md: only a full run of everything does');
      else await writeDocs(withR, results, machine);
    }
  } finally {
    await cleanup();
  }
  process.exitCode = exitCode;
}

main().catch((err) => {
  process.stderr.write(`bench: ${err?.usage ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
