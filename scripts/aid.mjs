// `npm run aid -- <command> ...`: rebuilds dist/ when a source of the command is newer than
// the last build, then runs dist/tools/aid/src/main.js in this process (one Node start-up,
// not two). Whatever the build prints goes to stderr, so stdout carries only the command's
// output.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['libs/settlement/src', 'libs/event-store/src', 'tools/aid/src'].map((dir) => path.join(root, dir));
const BUILT_MARK = path.join(root, 'dist', '.built');
const ENTRY = path.join(root, 'dist', 'tools', 'aid', 'src', 'main.js');
const LOCK = path.join(root, '.tmp', 'aid-build.lock');
const STALE_LOCK_MS = 60_000;

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, mtime(full) ?? 0);
  }
  return newest;
}

function isStale() {
  const built = mtime(BUILT_MARK);
  if (built === undefined || mtime(ENTRY) === undefined) return true;
  return SOURCES.some((dir) => newestSource(dir) > built);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// Several commands started together (tests run in parallel) must not build over each other
// while one of them is already loading the output: one builds, the others wait and re-check.
function withBuildLock(fn) {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const since = mtime(LOCK);
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else sleep(50);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds when stale; returns false when the build failed (it has said why on stderr). */
function buildIfStale() {
  if (!isStale()) return true;
  return withBuildLock(() => {
    if (!isStale()) return true;
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      stdio: ['ignore', 2, 2],
      env: { QUIET_BUILD: '1', ...process.env },
    });
    if (build.status === 0) return true;
    process.stderr.write(`aid: the build failed (exit status ${build.status ?? build.signal})\n`);
    return false;
  });
}

if (buildIfStale()) {
  const { main } = createRequire(import.meta.url)(ENTRY);
  process.exitCode = await main(process.argv.slice(2));
} else {
  process.exitCode = 1;
}
