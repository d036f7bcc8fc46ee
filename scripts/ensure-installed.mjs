// Installs the npm dependencies when they are missing or older than the lock file, so
// that `npm start` and `npm test` work as the first command on a fresh clone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    process.stderr.write(`${cmd} ${args.join(' ')} failed with exit status ${result.status}\n`);
    process.exit(result.status ?? 1);
  }
  return result;
}

export function ensureInstalled() {
  const modules = path.join(root, 'node_modules');
  const marker = path.join(modules, '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  // A linked node_modules (a git worktree sharing another checkout's) is that checkout's:
  // `npm ci` here would empty it for every checkout that shares it.
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) {
    process.stderr.write(`node_modules links to ${realpathSync(modules)}: not reinstalling through the link\n`);
    return;
  }
  process.stderr.write('Installing npm dependencies (npm ci)...\n');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

export function build() {
  run(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { env: { ...process.env, QUIET_BUILD: '1' } });
}

/** Starts scripts/embedded-postgres.mjs as a child; resolves with its URL once it is ready. */
export function startEmbeddedPostgres() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'embedded-postgres.mjs')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /DATABASE_URL=(\S+)/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
    child.on('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code}) before it was ready`)));
  });
}
