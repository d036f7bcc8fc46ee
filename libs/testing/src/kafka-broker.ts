import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway single-node Kafka for tests, started by infra/kafka/kafka.sh from the Apache
 * Kafka jars (no Docker). The first start on a machine fetches the jars with Maven.
 */
export interface KafkaBroker {
  /** `host:port`, for KAFKA_BROKERS. */
  brokers: string;
  version: string;
  dataDir: string;
  /** Stops the broker and deletes its data folder; safe to call twice. */
  stop(): Promise<void>;
  /** Stops the broker (SIGTERM, as an operator would) and keeps its data folder: a broker outage. */
  halt(): Promise<void>;
  /** Starts the halted broker again on the same folder and ports: topics, offsets and groups are back. */
  resume(): Promise<void>;
}

export interface StartKafkaOptions {
  /** Client port; default a free one. The controller takes port + 1 then, else a free one. */
  port?: number;
  /** Progress lines of kafka.sh (fetching jars, formatting, ready in N s); default: dropped. */
  log?: (line: string) => void;
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const script = path.join(repoRoot, 'infra', 'kafka', 'kafka.sh');
/** Long enough for a first-time Maven download on a slow link; kafka.sh bounds start-up itself. */
const SCRIPT_TIMEOUT_MS = 15 * 60_000;

export async function startKafka(opts: StartKafkaOptions = {}): Promise<KafkaBroker> {
  // Ports picked here are free now but could be taken before the broker binds them:
  // retry a couple of times with fresh ones in that case.
  const attempts = opts.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const [port, controllerPort] = opts.port === undefined ? await freePorts(2) : [opts.port, undefined];
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aid-ledger-kafka-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_DATA_DIR: dataDir,
      KAFKA_PORT: String(port),
    };
    if (controllerPort !== undefined) env.KAFKA_CONTROLLER_PORT = String(controllerPort);
    else delete env.KAFKA_CONTROLLER_PORT;
    try {
      const { stdout, stderr } = await run(['start'], env);
      forward(stderr, opts.log);
      const fields = Object.fromEntries(
        stdout
          .split('\n')
          .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => [m[1], m[2]]),
      );
      if (!fields.KAFKA_BROKERS || !fields.KAFKA_VERSION) {
        throw new Error(`kafka.sh start printed no KAFKA_BROKERS / KAFKA_VERSION:\n${stdout}`);
      }
      return broker(fields.KAFKA_BROKERS, fields.KAFKA_VERSION, dataDir);
    } catch (err) {
      lastError = err;
      // Whatever half-started must not linger: kafka.sh stops its own broker on failure,
      // and this removes the folder.
      await run(['stop', '--clean'], { ...process.env, KAFKA_DATA_DIR: dataDir }).catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
      const portClash = /port \d+ on 127\.0\.0\.1 is in use|Address already in use/.test(String(err));
      if (!portClash) break;
    }
  }
  throw lastError;
}

function broker(brokers: string, version: string, dataDir: string): KafkaBroker {
  let stopping: Promise<void> | null = null;
  // The folder remembers its ports; an explicit port in the environment would override them.
  const sameFolder = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_DATA_DIR: dataDir };
    delete env.KAFKA_PORT;
    delete env.KAFKA_CONTROLLER_PORT;
    return env;
  };
  return {
    brokers,
    version,
    dataDir,
    stop() {
      stopping ??= run(['stop', '--clean'], sameFolder()).then(() => undefined);
      return stopping;
    },
    async halt() {
      await run(['stop'], sameFolder());
    },
    async resume() {
      const { stdout } = await run(['start'], sameFolder());
      if (!stdout.includes(`KAFKA_BROKERS=${brokers}`)) {
        throw new Error(`the resumed broker is not at ${brokers}:\n${stdout}`);
      }
    },
  };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [script, ...args],
      { cwd: repoRoot, env, timeout: SCRIPT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const tail = stderr.trim().split('\n').slice(-40).join('\n');
          reject(new Error(`kafka.sh ${args.join(' ')} failed (${error.message.split('\n')[0]}):\n${tail}`));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

function forward(text: string, log: ((line: string) => void) | undefined): void {
  if (!log) return;
  for (const line of text.split('\n')) if (line.trim()) log(line);
}

/** Distinct free TCP ports on 127.0.0.1, all held open together so none repeats. */
async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return servers.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
