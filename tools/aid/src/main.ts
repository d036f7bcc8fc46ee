/**
 * `aid`: the project's command line. Each subcommand lives in its own folder and is listed
 * here; `scripts/aid.mjs` builds what is stale and calls `main`.
 */
import { writeSync } from 'node:fs';
import { checkpointCommand } from './checkpoint/checkpoint-command';
import { keysCommand } from './checkpoint/keys-command';
import { settleCommand } from './settle/settle-command';
import { tokenCommand } from './token/token-command';
import { verifyCommand } from './verify/verify-command';
import type { Command, Io } from './command';

const COMMANDS: readonly Command[] = [settleCommand, verifyCommand, checkpointCommand, keysCommand, tokenCommand];

const USAGE = `Usage: aid <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)}${c.summary}`).join('\n')}

Run \`aid <command> --help\` for the options of a command.
`;

/** Runs one command line and returns the exit status (0 done, 2 bad input or usage). */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`aid: no command given\n\n${USAGE}`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`aid: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return command.run(rest, io);
}

/** The process's own streams, written synchronously (commands reuse their buffers). */
export function processIo(): Io {
  let readerGone = false;
  return {
    stdout: (chunk) => {
      if (readerGone) return;
      try {
        writeFully(1, typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      } catch (err) {
        // The reader went away (`aid … | head`): like other tools, stop writing quietly.
        if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
        readerGone = true;
      }
    },
    stderr: (text) => writeFully(2, Buffer.from(text)),
  };
}

/** writeSync until everything is written, waiting out a non-blocking descriptor that is full. */
function writeFully(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length;) {
    try {
      written += writeSync(fd, bytes, written, bytes.length - written);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (status) => (process.exitCode = status),
    (err: unknown) => {
      process.stderr.write(`aid: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
