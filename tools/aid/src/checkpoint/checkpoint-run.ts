import { writeFileSync } from 'node:fs';
import { GENESIS_HASH, signCheckpoint, verifyChain, verifyCheckpoint } from '@aid/event-store';
import type { Io } from '../command';
import { databaseUrlFlag, parseFlags, schemaFlag } from '../verify/flags';
import { formatVerdict, lines } from '../verify/output';
import { withDatabase } from '../verify/verify-run';
import { FlagFileError, readCheckpointFile, readPrivateKey, readPublicKey } from './key-files';

export const CHECKPOINT_USAGE = `Usage: aid checkpoint export --schema SCHEMA --key PEM [--out FILE] [--database-url URL]
       aid checkpoint verify --file FILE --public-key PEM

export  verifies the chain of SCHEMA, then writes a checkpoint of its head signed with the
        Ed25519 private key PEM: {format, schema, lastPosition, eventCount, headHash,
        createdAt, keyId, signature}, to FILE or standard output. Keep it outside the database.
verify  checks a checkpoint's signature with the public key, without the database.

Exit status: 0 done (valid), 1 the chain is broken or the checkpoint invalid,
2 bad arguments, 3 the database could not be read.
`;

export async function runCheckpoint(args: readonly string[], io: Io): Promise<number> {
  const [action, ...rest] = args;
  if (action === '--help' || action === '-h') {
    io.stdout(CHECKPOINT_USAGE);
    return 0;
  }
  try {
    if (action === 'export') return await exportCheckpoint(rest, io);
    if (action === 'verify') return verifyFile(rest, io);
  } catch (err) {
    if (err instanceof FlagFileError) return usage(io, err.message);
    throw err;
  }
  return usage(
    io,
    action === undefined ? 'no action given (export or verify)' : `unknown action "${action}" (export or verify)`,
  );
}

function usage(io: Io, message: string): number {
  io.stderr(
    `aid checkpoint: ${message}\n${CHECKPOINT_USAGE.split('\n').slice(0, 2).join('\n')}\nRun \`aid checkpoint --help\` for more.\n`,
  );
  return 2;
}

async function exportCheckpoint(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseFlags(args, ['schema', 'key', 'out', 'database-url'] as const);
  if (parsed.kind === 'help') {
    io.stdout(CHECKPOINT_USAGE);
    return 0;
  }
  if (parsed.kind === 'usage-error') return usage(io, parsed.message);
  const { flags } = parsed;
  const schema = schemaFlag(flags.schema);
  if ('message' in schema) return usage(io, schema.message);
  if (flags.key === undefined) return usage(io, 'no --key given (an Ed25519 private key, PEM)');
  const db = databaseUrlFlag(flags['database-url'], process.env);
  if ('message' in db) return usage(io, db.message);
  const key = readPrivateKey('--key', flags.key);
  return withDatabase(
    db.url,
    schema.schema,
    io,
    async (pool) => {
      const verdict = await verifyChain(pool, schema.schema);
      if (!verdict.intact) {
        // A signature over a broken chain would vouch for the break.
        io.stderr(
          `aid checkpoint: the chain is broken; no checkpoint written\n${formatVerdict(schema.schema, verdict)}`,
        );
        return 1;
      }
      const checkpoint = signCheckpoint(
        {
          schema: schema.schema,
          lastPosition: verdict.head?.globalPosition ?? '0',
          eventCount: verdict.chained,
          headHash: verdict.head?.hash ?? GENESIS_HASH,
          createdAt: new Date().toISOString(),
        },
        key,
      );
      const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
      if (flags.out === undefined) io.stdout(text);
      else writeFileSync(flags.out, text);
      return 0;
    },
    'checkpoint',
  );
}

function verifyFile(args: readonly string[], io: Io): number {
  const parsed = parseFlags(args, ['file', 'public-key'] as const);
  if (parsed.kind === 'help') {
    io.stdout(CHECKPOINT_USAGE);
    return 0;
  }
  if (parsed.kind === 'usage-error') return usage(io, parsed.message);
  const { flags } = parsed;
  if (flags.file === undefined) return usage(io, 'no --file given (a checkpoint written by aid checkpoint export)');
  if (flags['public-key'] === undefined) return usage(io, 'no --public-key given (an Ed25519 public key, PEM)');
  const key = readPublicKey('--public-key', flags['public-key']);
  const file = readCheckpointFile('--file', flags.file);
  const check = 'json' in file ? verifyCheckpoint(file.json, key) : { ok: false as const, problems: [file.problem] };
  if (!check.ok) {
    io.stdout(lines([['checkpoint', 'invalid'], ...check.problems.map((p) => ['problem', p] as const)]));
    return 1;
  }
  const c = check.checkpoint;
  io.stdout(
    lines([
      ['checkpoint', 'valid'],
      ['schema', c.schema],
      ['event count', String(c.eventCount)],
      ['last position', c.lastPosition],
      ['head hash', c.headHash],
      ['created at', c.createdAt],
      ['key id', c.keyId],
    ]),
  );
  return 0;
}
