import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Command, Io } from '../command';
import { SETTLE_USAGE, parseSettleArgs } from './args';
import { forEachLine } from './lines';
import { loadPolicies } from './policy-files';
import { problemLine } from './problems';
import { SettleRun } from './settle-run';

export const settleCommand: Command = {
  name: 'settle',
  summary: "settle a file of bills through a region's five-layer policy",
  async run(args, io) {
    const parsed = parseSettleArgs(args);
    switch (parsed.kind) {
      case 'help':
        io.stdout(SETTLE_USAGE);
        return 0;
      case 'usage-error':
        io.stderr(
          `aid settle: ${parsed.message}\n${SETTLE_USAGE.split('\n')[0]}\nRun \`aid settle --help\` for more.\n`,
        );
        return 2;
      case 'run':
        return runSettle(parsed.policies, parsed.claims, io);
      default:
        return unreachable(parsed);
    }
  },
};

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function runSettle(policyFiles: readonly string[], claimsFile: string, io: Io): number {
  const policies = loadPolicies(policyFiles);
  const run = new SettleRun(
    claimsFile,
    policies.problems.length === 0 ? policies.byYear : undefined,
    estimateBills(claimsFile),
  );
  const problems = [...policies.problems];
  try {
    const fd = openSync(claimsFile, 'r');
    try {
      forEachLine(
        (buffer, offset, length) => readSync(fd, buffer, offset, length, null),
        (bytes, start, end, line) => {
          if (line === 1 && UTF8_BOM.every((b, i) => bytes[start + i] === b)) start += 3;
          run.lineBytes(bytes, start, end, line);
        },
      );
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    // Only the file system's own errors (ENOENT, EISDIR, EACCES, …) are the input's fault.
    if (typeof (err as NodeJS.ErrnoException).code !== 'string') throw err;
    problems.push({
      file: claimsFile,
      field: '(file)',
      message: `cannot read the claims file: ${(err as Error).message}`,
    });
  }

  problems.push(...run.finish());
  if (problems.length > 0) {
    run.output.discard();
    io.stderr(problems.map(problemLine).join(''));
    return 2;
  }
  run.output.release(io.stdout);
  return 0;
}

/** A bill line takes some 200 to 300 bytes; a guess is enough (it sizes tables up front). */
function estimateBills(file: string): number {
  try {
    return Math.ceil(statSync(file).size / 256);
  } catch {
    return 0;
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}
