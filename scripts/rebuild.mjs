// `npm run rebuild -- --projection household-ledger|hospital-receivables|all`: builds dist/
// (quietly), then rebuilds payout's read models from its events beside the live ones and
// switches reads over (services/payout/src/rebuild). Env: DATABASE_URL, PAYOUT_SCHEMA
// (default payout). Exit 0: rebuilt, equal to the live tables; 3: rebuilt, some table
// differed from its live version; 2: bad usage; 1: failed. The build's output goes to
// stderr, so stdout carries only the report.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
  cwd: root,
  stdio: ['ignore', 2, 2],
  env: { ...process.env, QUIET_BUILD: '1' },
});
if (build.status !== 0) {
  process.stderr.write(`rebuild: the build failed (exit status ${build.status ?? build.signal})\n`);
  process.exit(1);
}
const { main } = createRequire(import.meta.url)(
  path.join(root, 'dist', 'services', 'payout', 'src', 'rebuild', 'main.js'),
);
process.exitCode = await main(process.argv.slice(2));
