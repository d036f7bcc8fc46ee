// Benchmark of `aid settle` (not a test): generates a deterministic file of valid bills,
// runs the real command on it as a child process, and reports bills per second of wall time.
//
//   node bench/settle.mjs [--bills 1000000] [--members bills/5] [--runs 1] [--json FILE] [--keep]
//
// The policies are the Xing'an League 2019 file of config/policies and a copy of it for 2020,
// so bills cross a year boundary. Goal: at least 250,000 bills/s on one core.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Amounts are written by the project's one codec, from the build (made here if stale).
const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
  env: { ...process.env, QUIET_BUILD: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (built.status !== 0) throw new Error('the build failed (see above)');
const { formatYuan } = createRequire(import.meta.url)(path.join(root, 'dist', 'libs', 'money', 'src', 'index.js'));

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}
const bills = Number(option('bills', 1_000_000));
const members = Number(option('members', Math.max(1, Math.round(bills / 5))));
const runs = Number(option('runs', 1));
const jsonFile = option('json', undefined);
const keep = process.argv.includes('--keep');

/** mulberry32: small, fast and deterministic, which is all a fixture generator needs. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rnd, weighted) {
  let r = rnd() * weighted.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of weighted) if ((r -= w) < 0) return value;
  return weighted[weighted.length - 1][0];
}

const CATEGORY_SETS = [
  ['[]', 15],
  ['["POOR"]', 45],
  ['["POOR","LOW_INCOME"]', 10],
  ['["EXTREME_POOR"]', 6],
  ['["EXTREME_POOR","LOW_INCOME"]', 4],
  ['["LOW_INCOME"]', 10],
  ['["MARGINAL"]', 10],
];
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Each member keeps their categories and insurance all along, as enrollment would. */
function generate(file) {
  const rnd = random(20191231);
  const people = Array.from({ length: members }, () => ({
    categories: pick(rnd, CATEGORY_SETS),
    insured: rnd() < 0.97,
  }));
  const fd = openSync(file, 'w');
  let pending = '';
  for (let i = 1; i <= bills; i++) {
    const m = Math.floor(rnd() * members);
    const person = people[m];
    const year = rnd() < 0.5 ? 2019 : 2020;
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * DAYS[month - 1]);
    const inpatient = rnd() < 0.7;
    // Costs spread over four orders of magnitude: mostly small bills, a long tail of large
    // ones; up to 40% of a bill outside the catalogue. Integer fen throughout.
    const total = inpatient
      ? 20_000 + Math.floor(rnd() * rnd() * rnd() * 30_000_000)
      : 1_000 + Math.floor(rnd() * 300_000);
    const ineligiblePercent = Math.floor(rnd() * rnd() * 40);
    const ineligible = (total * ineligiblePercent - ((total * ineligiblePercent) % 100)) / 100;
    const eligible = total - ineligible;
    pending +=
      `{"claimId":"B${String(i).padStart(8, '0')}","memberId":"M${String(m).padStart(7, '0')}",` +
      `"serviceDate":"${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}",` +
      `"visitType":"${inpatient ? 'INPATIENT' : 'CHRONIC_OUTPATIENT'}",` +
      `"facilityLevel":"${pick(rnd, [
        ['PRIMARY', 4],
        ['SECONDARY', 4],
        ['TERTIARY', 2],
      ])}",` +
      `"inCounty":${rnd() < 0.85},"totalCost":"${formatYuan(total)}","eligibleCost":"${formatYuan(eligible)}",` +
      `"categories":${person.categories},"insured":${person.insured},"majorDisease":${rnd() < 0.1}}\n`;
    if (pending.length > 1 << 20) {
      writeSync(fd, pending);
      pending = '';
    }
  }
  writeSync(fd, pending);
  closeSync(fd);
}

function settle(policies, claims, out) {
  const args = [
    'run',
    '--silent',
    'aid',
    '--',
    'settle',
    ...policies.flatMap((p) => ['--policy', p]),
    '--claims',
    claims,
  ];
  const fd = openSync(out, 'w');
  const started = process.hrtime.bigint();
  const result = spawnSync('npm', args, { cwd: root, stdio: ['ignore', fd, 'pipe'], maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  closeSync(fd);
  if (result.status !== 0) {
    throw new Error(`aid settle exited with ${result.status}:\n${String(result.stderr).slice(0, 2000)}`);
  }
  return seconds;
}

function countLines(file) {
  const bytes = readFileSync(file);
  let lines = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  return lines;
}

const dir = mkdtempSync(path.join(tmpdir(), 'aid-bench-'));
try {
  const policy2019 = path.join(root, 'config', 'policies', 'xingan-league-2019.yaml');
  const policy2020 = path.join(dir, 'xingan-league-2020.yaml');
  writeFileSync(policy2020, readFileSync(policy2019, 'utf8').replace(/^year: 2019$/m, 'year: 2020'));
  const policies = [policy2019, policy2020];
  const claims = path.join(dir, 'claims.jsonl');
  const out = path.join(dir, 'settled.jsonl');

  let started = Date.now();
  generate(claims);
  console.error(`generated ${bills} bills for ${members} members in ${Date.now() - started} ms (${claims})`);

  // A small run first, so a stale build is rebuilt outside the measurement.
  writeFileSync(path.join(dir, 'warm.jsonl'), readFileSync(claims, 'utf8').split('\n', 10).join('\n'));
  settle(policies, path.join(dir, 'warm.jsonl'), out);

  const times = [];
  for (let run = 0; run < runs; run++) {
    times.push(settle(policies, claims, out));
    const settled = countLines(out);
    if (settled !== bills) throw new Error(`expected ${bills} output lines, got ${settled}`);
  }
  const seconds = Math.min(...times);
  const billsPerSecond = Math.round(bills / seconds);
  console.log(
    `settle: ${bills} bills in ${Math.round(seconds * 1000) / 1000} s of wall time = ${billsPerSecond.toLocaleString('en')} bills/s` +
      (runs > 1 ? ` (best of ${runs}: ${times.map((t) => Math.round(t * 1000) / 1000).join(', ')} s)` : ''),
  );
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ name: 'settle', billsPerSecond, bills, seconds }) + '\n');
} finally {
  if (keep) console.error(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
