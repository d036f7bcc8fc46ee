import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testDatabaseUrl } from './postgres';

const root = path.resolve(__dirname, '..', '..', '..');

export interface RunningProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a built entry point (`dist/...`, built by the test setup) and waits until it prints
 * `listening at http://…`; used by the e2e tier, which tests services as the processes they
 * run as.
 */
export function startBuiltProcess(
  entry: string,
  env: Record<string, string | undefined>,
  options: { readyPattern?: RegExp; timeoutMs?: number } = {},
): Promise<RunningProcess> {
  const ready = options.readyPattern ?? /listening at (http:\/\/\S+)/;
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, entry)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${entry} did not become ready within ${options.timeoutMs ?? 60_000} ms:\n${out}`));
    }, options.timeoutMs ?? 60_000);
    const check = () => {
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1] ?? '', child, output: () => out, stop });
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with code ${code} before it was ready:\n${out}`));
    });
  });
}

/** Starts one service (`enrollment`, `claims`, `payout`) on a free port. */
export function startService(name: string, env: Record<string, string | undefined>): Promise<RunningProcess> {
  return startBuiltProcess(`dist/services/${name}/src/main.js`, { [`${name.toUpperCase()}_PORT`]: '0', ...env });
}

export interface ServiceUrls {
  enrollment: string;
  claims: string;
  payout: string;
}

/**
 * Starts the embedded launcher (the three services in one process, in-process bus, no demo)
 * on the test database under the given schemas, and reads each service's URL from its banner.
 */
export async function startEmbedded(schemas: ServiceUrls): Promise<{ app: RunningProcess; urls: ServiceUrls }> {
  const app = await startBuiltProcess(
    'dist/tools/embedded/src/main.js',
    {
      DATABASE_URL: testDatabaseUrl(),
      AID_LEDGER_BASE_PORT: '0',
      AID_LEDGER_DEMO: 'off',
      ENROLLMENT_SCHEMA: schemas.enrollment,
      CLAIMS_SCHEMA: schemas.claims,
      PAYOUT_SCHEMA: schemas.payout,
      KAFKA_BROKERS: undefined,
    },
    { readyPattern: /aid-ledger is running/ },
  );
  const url = (name: keyof ServiceUrls) => new RegExp(`${name}\\s+(http://\\S+)`).exec(app.output())![1];
  return { app, urls: { enrollment: url('enrollment'), claims: url('claims'), payout: url('payout') } };
}
