// `npm test`: installs what is missing, builds (the e2e tier runs the built services), runs
// every Jest tier, and ends with one plain line `N passed, N failed` taken from Jest's
// results. PostgreSQL and Kafka come from DATABASE_URL / KAFKA_BROKERS, or are started by
// the tests' global setup (embedded PostgreSQL, a broker from the Apache Kafka jars).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build, ensureInstalled, root } from './ensure-installed.mjs';

ensureInstalled();
build();

const resultsDir = path.join(root, '.tmp');
mkdirSync(resultsDir, { recursive: true });
const resultsFile = path.join(resultsDir, 'jest-results.json');
rmSync(resultsFile, { force: true });

const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const args = [jestBin, '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)];
if (process.env.CI) args.push('--ci');
const jest = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

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
