// Starting the built services for the end-to-end benchmark, the way the project's launchers
// do: embedded mode as `npm start` runs it (dist/tools/embedded/src/main.js, the three
// services in one process on the in-process bus), distributed mode as
// `npm run start:distributed` and the e2e tests do (dist/services/<name>/src/main.js, one
// process each, over Kafka). Ports are free ones picked by the services (port 0); every
// service listens on 127.0.0.1 (the services' default HOST).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dist, root } from './common.mjs';

export const SERVICE_NAMES = ['enrollment', 'claims', 'payout'];

/** Starts `node <entry>` and resolves once `ready` matches its stdout; output is kept for errors. */
function startProcess(entry, env, ready, { nodeArgs = [], timeoutMs = 90_000, label }) {
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', path.join(root, entry)], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stderrTail = '';
  let stderrBytes = 0;
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => {
    stderrBytes += c.length;
    stderrTail = (stderrTail + c).slice(-20_000);
  });
  // Never leave a service running after the benchmark: not on a crash, not on a signal.
  const orphanGuard = () => child.kill('SIGTERM');
  process.once('exit', orphanGuard);
  let exitedAt = null;
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exitedAt = performance.timeOrigin + performance.now();
      process.off('exit', orphanGuard);
      resolve(code ?? signal);
    }),
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${label} was not ready within ${timeoutMs} ms:\n${out}\n${stderrTail}`));
    }, timeoutMs);
    const check = () => {
      const match = ready.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve({
        child,
        match,
        stop,
        exited,
        output: () => `${out}\n${stderrTail}`,
        /** Bytes of log written to stderr so far, and the last of them. */
        log: () => ({ bytes: stderrBytes, tail: stderrTail }),
        /** Wall-clock ms when it exited (a --cpu-prof profile ends then), or null. */
        exitedAt: () => exitedAt,
      });
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code} before it was ready:\n${out}\n${stderrTail}`));
    });
  });
}

/** The benchmark's own identity provider (built @aid/auth): the services trust it, the load signs with it. */
let issuer = null;
function benchIssuer() {
  if (!issuer) {
    const { writeLocalIssuer } = dist('libs/auth/src/index.js');
    issuer = writeLocalIssuer(mkdtempSync(path.join(os.tmpdir(), 'aid-bench-auth-')), 'urn:aid-ledger:bench');
  }
  return issuer;
}

const tokens = new Map();
/** `{ authorization }` for a role, signed once per run (the load is not there to measure signing). */
export function bearerFor(role) {
  if (!tokens.has(role)) {
    const { signToken } = dist('libs/auth/src/index.js');
    tokens.set(role, `Bearer ${signToken(benchIssuer().key, { sub: `bench-${role}`, role, agency: 'bench' }, { ttlSeconds: 24 * 3600 })}`);
  }
  return { authorization: tokens.get(role) };
}

function baseEnv(databaseUrl) {
  const env = { ...process.env, DATABASE_URL: databaseUrl, ...benchIssuer().env };
  delete env.AUTH_JWKS_URL;
  for (const name of SERVICE_NAMES) {
    delete env[`${name.toUpperCase()}_SCHEMA`];
    delete env[`${name.toUpperCase()}_PORT`];
  }
  delete env.PORT;
  delete env.HOST;
  return env;
}

/**
 * Embedded mode. `cpuProfileDir` adds `--cpu-prof` (the profile is written when the process
 * exits after SIGTERM). Resolves with the services' URLs, the schemas and stop().
 */
export async function startEmbedded({ databaseUrl, cpuProfileDir = null }) {
  const env = { ...baseEnv(databaseUrl), AID_LEDGER_BASE_PORT: '0', AID_LEDGER_DEMO: 'off' };
  delete env.KAFKA_BROKERS;
  const nodeArgs = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(cpuProfileDir, 'embedded')}`] : [];
  const proc = await startProcess('dist/tools/embedded/src/main.js', env, /aid-ledger is running[\s\S]*Stop with/, {
    nodeArgs,
    label: 'embedded mode (dist/tools/embedded/src/main.js)',
  });
  proc.name = 'embedded';
  const urls = {};
  for (const name of SERVICE_NAMES) {
    const m = new RegExp(`^\\s*${name}\\s+(http://\\S+)`, 'm').exec(proc.output());
    if (!m) throw new Error(`embedded mode printed no URL for ${name}:\n${proc.output()}`);
    urls[name] = m[1];
  }
  return {
    urls,
    schemas: Object.fromEntries(SERVICE_NAMES.map((n) => [n, n])),
    processes: [proc],
    async stop() {
      await proc.stop();
    },
  };
}

/** Distributed mode: one process per service over `brokers`, topics under `topicPrefix`. */
export async function startDistributed({ databaseUrl, brokers, topicPrefix, cpuProfileDir = null }) {
  if (!brokers) throw new Error('KAFKA_BROKERS is not set (npm run bench starts a broker for the e2e row)');
  const started = [];
  const urls = {};
  try {
    for (const name of SERVICE_NAMES) {
      const env = {
        ...baseEnv(databaseUrl),
        KAFKA_BROKERS: brokers,
        AID_LEDGER_TOPIC_PREFIX: topicPrefix,
        [`${name.toUpperCase()}_PORT`]: '0',
      };
      const nodeArgs = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(cpuProfileDir, name)}`] : [];
      const proc = await startProcess(`dist/services/${name}/src/main.js`, env, /listening at (http:\/\/\S+)/, {
        nodeArgs,
        label: `${name} (dist/services/${name}/src/main.js)`,
      });
      proc.name = name;
      started.push(proc);
      urls[name] = proc.match[1];
    }
  } catch (err) {
    for (const p of started.reverse()) await p.stop();
    throw err;
  }
  return {
    urls,
    schemas: Object.fromEntries(SERVICE_NAMES.map((n) => [n, n])),
    processes: started,
    async stop() {
      for (const p of [...started].reverse()) await p.stop();
    },
  };
}

/** CPU seconds (user + system, all threads) a process has used, from /proc; null off Linux. */
export async function processCpuSeconds(pid) {
  try {
    const { readFile } = await import('node:fs/promises');
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of proc(5) (utime, stime), counted from after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
