// Projection rebuild row (issue 5, row 3): the household ledger rebuilt from 1,000,000
// events (--quick: 100,000), events/s of the replay. The measurement itself lives with the
// projection (services/payout/src/rebuild/bench.ts): it seeds payout's event store with
// the events its consumer would store, builds the live tables, then runs the same rebuild
// `npm run rebuild` runs, checksums included. No peer; the limit is left empty.
//
//   node bench/rebuild.mjs [--quick] [--json FILE]
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { log, parseArgs, root } from './lib/common.mjs';

const args = parseArgs();
const events = args.quick ? 100_000 : 1_000_000;
const out = path.join(os.tmpdir(), `aid-rebuild-${process.pid}.json`);

log(`rebuild: seeding ${events} events and rebuilding the household ledger`);
const code = await new Promise((resolve, reject) => {
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist/services/payout/src/rebuild/bench.js'), '--events', String(events), '--projection', 'household-ledger', '--json', out],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  child.on('error', reject);
  child.on('exit', (c) => resolve(c));
});
if (code !== 0) {
  process.stderr.write(`rebuild bench exited with ${code}\n`);
  process.exit(1);
}
const result = JSON.parse(await readFile(out, 'utf8'));
await rm(out, { force: true });
const row = {
  bench: 'rebuild',
  scenario: `household ledger from ${events.toLocaleString('en')} events`,
  unit: 'events/s',
  ours: result.eventsPerSecond,
  peer: null,
  limit: null,
  details: result,
};
if (args.json) await writeFile(args.json, JSON.stringify({ name: 'rebuild', rows: [row], ...result }, null, 2));
