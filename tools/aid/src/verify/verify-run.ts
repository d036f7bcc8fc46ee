import { chainLink, verifyChain, verifyCheckpoint, type ChainCheckpoint } from '@aid/event-store';
import { Pool } from 'pg';
import type { Io } from '../command';
import { FlagFileError, readCheckpointFile, readPublicKey } from '../checkpoint/key-files';
import { databaseUrlFlag, parseFlags, schemaFlag } from './flags';
import { compareWithCheckpoint, formatComparison, formatVerdict, lines } from './output';

export const VERIFY_USAGE = `Usage: aid verify --schema SCHEMA [--database-url URL] [--against FILE --public-key PEM]

Recomputes the hash chain of the event store in SCHEMA from its events, in commit order,
and names the first event altered, removed, inserted or moved (docs/audit.md). With
--against, also checks that the database still holds the history of a signed checkpoint.

Options:
  --schema SCHEMA      the service's schema (enrollment, claims, payout, ...)
  --database-url URL   the database (default: the DATABASE_URL environment variable)
  --against FILE       a checkpoint written by \`aid checkpoint export\`
  --public-key PEM     the Ed25519 public key the checkpoint was signed with
  -h, --help           this text

Exit status: 0 intact, 1 broken (or the checkpoint is not valid), 2 bad arguments,
3 the database could not be read.
`;

export async function runVerify(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseFlags(args, ['schema', 'database-url', 'against', 'public-key'] as const);
  if (parsed.kind === 'help') {
    io.stdout(VERIFY_USAGE);
    return 0;
  }
  const fail = usage(io);
  if (parsed.kind === 'usage-error') return fail(parsed.message);
  const { flags } = parsed;
  const schema = schemaFlag(flags.schema);
  if ('message' in schema) return fail(schema.message);
  const db = databaseUrlFlag(flags['database-url'], process.env);
  if ('message' in db) return fail(db.message);
  if ((flags.against === undefined) !== (flags['public-key'] === undefined)) {
    return fail(flags.against === undefined ? '--public-key is only for --against' : '--against needs --public-key');
  }
  let checkpoint: ChainCheckpoint | undefined;
  if (flags.against !== undefined && flags['public-key'] !== undefined) {
    try {
      const key = readPublicKey('--public-key', flags['public-key']);
      const file = readCheckpointFile('--against', flags.against);
      const check =
        'json' in file ? verifyCheckpoint(file.json, key) : { ok: false as const, problems: [file.problem] };
      if (!check.ok) {
        io.stdout(lines([['checkpoint', 'invalid'], ...check.problems.map((p) => ['problem', p] as const)]));
        return 1;
      }
      if (check.checkpoint.schema !== schema.schema) {
        return fail(`--against: the checkpoint is of schema ${check.checkpoint.schema}, not ${schema.schema}`);
      }
      checkpoint = check.checkpoint;
    } catch (err) {
      if (err instanceof FlagFileError) return fail(err.message);
      throw err;
    }
  }
  return withDatabase(db.url, schema.schema, io, async (pool) => {
    const verdict = await verifyChain(pool, schema.schema);
    if (!verdict.intact || !checkpoint) {
      io.stdout(formatVerdict(schema.schema, verdict));
      return verdict.intact ? 0 : 1;
    }
    const comparison = compareWithCheckpoint(checkpoint, await chainLink(pool, schema.schema, checkpoint.eventCount));
    io.stdout(comparison.matches ? formatVerdict(schema.schema, verdict) : '');
    io.stdout(formatComparison(schema.schema, checkpoint, comparison));
    return comparison.matches ? 0 : 1;
  });
}

function usage(io: Io): (message: string) => number {
  return (message) => {
    io.stderr(`aid verify: ${message}\n${VERIFY_USAGE.split('\n')[0]}\nRun \`aid verify --help\` for more.\n`);
    return 2;
  };
}

/**
 * Runs `fn` on a pool of one connection to a schema that has a chained event store;
 * a missing schema is the caller's mistake (2), an unreachable database is 3.
 */
export async function withDatabase(
  url: string,
  schema: string,
  io: Io,
  fn: (pool: Pool) => Promise<number>,
  command = 'verify',
): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    let found: boolean;
    try {
      const { rows } = await pool.query<{ t: string | null }>('select to_regclass($1)::text as t', [
        `${schema}.event_hashes`,
      ]);
      found = rows[0].t !== null;
    } catch (err) {
      io.stderr(`aid ${command}: cannot read the database: ${(err as Error).message}\n`);
      return 3;
    }
    if (!found) {
      io.stderr(`aid ${command}: --schema: no event store with a hash chain in schema "${schema}"\n`);
      return 2;
    }
    return await fn(pool);
  } finally {
    await pool.end();
  }
}
