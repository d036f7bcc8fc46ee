// `npm start`: installs what is missing, builds, and runs the three services in one
// process on an embedded PostgreSQL (or DATABASE_URL when given) and the in-process bus.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build, ensureInstalled, root, startEmbeddedPostgres } from './ensure-installed.mjs';

ensureInstalled();
build();

let postgres = null;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write('Starting embedded PostgreSQL...\n');
  postgres = await startEmbeddedPostgres();
  databaseUrl = postgres.url;
}

const app = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/tools/embedded/src/main.js')], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: databaseUrl },
});

const stopAll = (signal) => {
  app.kill(signal);
};
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
app.on('exit', (code) => {
  if (postgres) {
    postgres.child.on('exit', () => process.exit(code ?? 0));
    postgres.child.kill('SIGTERM');
  } else {
    process.exit(code ?? 0);
  }
});
