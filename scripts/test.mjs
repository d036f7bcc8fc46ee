// `npm test`: installs what is missing, builds (the e2e tier runs the built services), runs
// every Jest tier, and ends with one plain line `N passed, N failed` taken from Jest's
// results. PostgreSQL and Kafka come from DATABASE_URL / KAFKA_BROKERS, or are started by
// the tests' global setup (embedded PostgreSQL, a broker from the Apache Kafka jars).
//
// `node scripts/test.mjs --tier unit|lint|int|e2e [jest arguments]` runs one tier (the
// `test:<tier>` scripts and Nx targets). Jest's --selectProjects takes every word after it,
// so it goes last, after any paths given.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build, ensureInstalled, root } from './ensure-installed.mjs';

const TIERS = ['unit', 'lint', 'int', 'e2e'];
const args = process.argv.slice(2);
const tiers = [];
for (let i = args.indexOf('--tier'); i !== -1; i = args.indexOf('--tier')) {
  const tier = args[i + 1];
  if (!TIERS.includes(tier)) {
    process.stderr.write(`--tier: "${tier ?? ''}" is not one of ${TIERS.join(', ')}\n`);
    process.exit(2);
  }
  tiers.push(tier);
  args.splice(i, 2);
}

ensureInstalled();
// Only the int and e2e tiers run built code; their global setup then finds the build made.
const needsBuild = tiers.length === 0 || tiers.some((t) => t === 'int' || t === 'e2e');
if (needsBuild) build();

const resultsDir = path.join(root, '.tmp');
mkdirSync(resultsDir, { recursive: true });
const resultsFile = path.join(resultsDir, 'jest-results.json');
rmSync(resultsFile, { force: true });

const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const jestArgs = [jestBin, '--json', `--outputFile=${resultsFile}`, ...args];
if (process.env.CI) jestArgs.push('--ci');
if (tiers.length > 0) jestArgs.push('--selectProjects', ...tiers);
const jest = spawnSync(process.execPath, jestArgs, {
  cwd: root,
  stdio: 'inherit',
  env: needsBuild ? { ...process.env, AID_LEDGER_BUILT: '1' } : process.env,
});

let passed = 0;
let failed = 0;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  // A suite that fails to load counts no tests of its own: count it as a failure.
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
} else {
  failed = 1;
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
