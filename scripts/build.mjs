// Compiles every TypeScript source of libs/, services/, tools/ and bench/ to dist/ with swc,
// keeping the folder layout so that relative requires stay valid. Type checking is
// `npm run typecheck` (tsc); this build only transpiles, which takes about a second.
import { createRequire } from 'node:module';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const { root, swcOptions } = require('./swc-options.cjs');

const SOURCE_DIRS = ['libs', 'services', 'tools', 'bench'];
const out = path.join(root, 'dist');

async function* sources(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name === 'fixtures') continue;
      yield* sources(full);
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.includes('.spec.')) {
      yield full;
    }
  }
}

async function build() {
  const started = Date.now();
  let count = 0;
  const jobs = [];
  for (const dir of SOURCE_DIRS) {
    for await (const file of sources(path.join(root, dir))) {
      const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
      jobs.push(
        (async () => {
          const { code } = await swc.transformFile(file, { ...swcOptions, filename: file, swcrc: false });
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, code);
          count++;
        })(),
      );
    }
  }
  await Promise.all(jobs);
  await writeFile(path.join(out, '.built'), new Date().toISOString());
  if (!process.env.QUIET_BUILD) console.error(`built ${count} files into dist/ in ${Date.now() - started} ms`);
}

build().catch((err) => {
  console.error(err);
  process.exit(1);
});
