// Settlement row (issue 5, row 4): bills/s through `aid settle`, measured by bench/settle.mjs
// (owned by the settlement engineer; this file only runs it and adds a limit).
//
//   ours  — bench/settle.mjs: 1,000,000 generated bills (--quick: 50,000) through the real
//           command as a child process, wall time;
//   peer  — none;
//   limit — a reference rather than a bound: what a generic JSON round trip of the same lines
//           costs on one core (read the claims file, JSON.parse every line, JSON.stringify it
//           back, write it out, in this process). `aid settle` decodes bills without
//           JSON.parse (tools/aid/src/settle/fast-bill.ts), so it can beat it: a ratio above 1
//           means it does.
//
//   node bench/settlement.mjs [--quick] [--bills N] [--json FILE]
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { log, now, parseArgs, root, round } from './lib/common.mjs';

const args = parseArgs();
const SETTLE = path.join(root, 'bench', 'settle.mjs');

function runSettle(bills, jsonFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SETTLE, '--bills', String(bills), '--json', jsonFile, '--keep'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let kept = null;
    let stderr = '';
    child.stdout.on('data', (d) => process.stderr.write(d));
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
      const m = /^kept (.+)$/m.exec(stderr);
      if (m) kept = m[1].trim();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      // The folder is removed by the caller in either case.
      resolve({ code, kept });
    });
  });
}

/** JSON.parse + JSON.stringify of every line, streamed from `input` to `output`. */
async function jsonFloor(input, output) {
  const out = createWriteStream(output);
  let lines = 0;
  let rest = '';
  let pending = '';
  const t = now();
  for await (const chunk of createReadStream(input, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      pending += JSON.stringify(JSON.parse(text.slice(start, nl))) + '\n';
      lines++;
      start = nl + 1;
    }
    rest = text.slice(start);
    if (pending.length > 1 << 20) {
      if (!out.write(pending)) await new Promise((r) => out.once('drain', r));
      pending = '';
    }
  }
  if (rest.trim()) {
    pending += JSON.stringify(JSON.parse(rest)) + '\n';
    lines++;
  }
  out.write(pending);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
  return { lines, seconds: (now() - t) / 1000 };
}

async function main() {
  const quick = Boolean(args.quick);
  const bills = Number(args.bills ?? (quick ? 50_000 : 1_000_000));
  if (!existsSync(SETTLE)) {
    return { name: 'settlement', rows: [notMeasured('bench/settle.mjs does not exist yet')] };
  }
  const jsonFile = path.join(os.tmpdir(), `aid-bench-settle-${process.pid}.json`);
  let kept = null;
  try {
    const ran = await runSettle(bills, jsonFile);
    kept = ran.kept;
    if (ran.code !== 0) throw new Error(`bench/settle.mjs exited with ${ran.code}`);
    const settle = JSON.parse(await readFile(jsonFile, 'utf8'));
    let limit = null;
    if (kept && existsSync(path.join(kept, 'claims.jsonl'))) {
      const floor = await jsonFloor(path.join(kept, 'claims.jsonl'), path.join(kept, 'json-floor.jsonl'));
      limit = {
        bills: floor.lines,
        seconds: round(floor.seconds, 3),
        billsPerSecond: Math.round(floor.lines / floor.seconds),
      };
      log(
        `settlement limit: JSON.parse + JSON.stringify of ${floor.lines} lines in ${round(floor.seconds, 2)} s = ${limit.billsPerSecond}/s`,
      );
    }
    return {
      name: 'settlement',
      settings: { quick, bills },
      rows: [
        {
          bench: 'settlement',
          scenario: `aid settle, ${bills.toLocaleString('en')} bills`,
          unit: 'bills/s',
          ours: settle.billsPerSecond,
          peer: null,
          limit: limit?.billsPerSecond ?? null,
          oursLabel: 'bench/settle.mjs: `npm run aid -- settle` as a child process, wall time',
          peerLabel: 'none',
          limitLabel: 'reference: JSON.parse + JSON.stringify of the same lines, file to file, one core',
          details: { ours: settle, limit },
        },
      ],
    };
  } finally {
    await rm(jsonFile, { force: true });
    if (kept) await rm(kept, { recursive: true, force: true });
  }
}

function notMeasured(reason) {
  return {
    bench: 'settlement',
    scenario: 'aid settle',
    unit: 'bills/s',
    ours: null,
    peer: null,
    limit: null,
    note: reason,
  };
}

const result = await main();
if (args.json) await writeFile(String(args.json), JSON.stringify(result, null, 2));
else process.stdout.write(JSON.stringify(result, null, 2) + '\n');
