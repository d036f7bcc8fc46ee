import { REBUILD_TARGETS, type RebuildReport, type RebuildTarget } from './rebuild';

export const USAGE = `usage: npm run rebuild -- --projection ${REBUILD_TARGETS.join('|')} [--no-compare]
  --no-compare       switch the rebuilt tables in without comparing them with the live ones
                     (pauses the live projection for less time; for tables known to be
                     wrong or empty)
  env DATABASE_URL   postgres://... (required)
  env PAYOUT_SCHEMA  payout's schema (default payout)`;

export interface RebuildArgs {
  projection: RebuildTarget;
  schema: string;
  databaseUrl: string;
  compare: boolean;
}

export function parseRebuildArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): { ok: true; args: RebuildArgs } | { ok: false; problems: string[]; usage: string } {
  const problems: string[] = [];
  let projection: string | undefined;
  let compare = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--projection') projection = value();
    else if (arg === '--no-compare') compare = false;
    else if (flag === '--help' || flag === '-h') return { ok: false, problems: [], usage: USAGE };
    else problems.push(`${arg}: unknown argument`);
  }
  if (projection === undefined) problems.push('--projection: required');
  else if (!(REBUILD_TARGETS as readonly string[]).includes(projection)) {
    problems.push(`--projection: "${projection}" is not one of ${REBUILD_TARGETS.join(', ')}`);
  }
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL: must be a postgres:// connection string');
  const schema = env.PAYOUT_SCHEMA ?? 'payout';
  if (!/^[a-z_][a-z0-9_]{0,54}$/.test(schema))
    problems.push(`PAYOUT_SCHEMA: "${schema}" is not a lower-case SQL identifier (at most 55 characters)`);
  if (problems.length > 0) return { ok: false, problems, usage: USAGE };
  return { ok: true, args: { projection: projection as RebuildTarget, schema, databaseUrl, compare } };
}

/** The report as an operator reads it: counts, speed, and each table's checksums side by side. */
export function formatReport(r: RebuildReport): string {
  const lines: string[] = [];
  const secs = (ms: number) => (ms / 1000).toFixed(1);
  lines.push(
    `replayed ${r.replay.events} events in ${secs(r.replay.ms)} s (${r.replay.eventsPerSecond} events/s); ` +
      `${r.events - r.replay.events} more caught up before the switch`,
  );
  lines.push(
    `switched reads to the rebuilt tables at position ${r.position ?? '(no events)'}; total ${secs(r.totalMs)} s`,
  );
  if (!r.compared) {
    lines.push('result: not compared with the live tables (--no-compare)');
    return `${lines.join('\n')}\n`;
  }
  const header = ['table', 'rows live', 'rows rebuilt', 'md5 live', 'md5 rebuilt', ''];
  const rows = r.tables.map((t) => [
    `${r.schema}.${t.table}`,
    String(t.live.rows),
    String(t.rebuilt.rows),
    t.live.md5,
    t.rebuilt.md5,
    t.equal ? 'equal' : 'DIFFERENT',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (row: string[]) =>
    row
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  lines.push(fmt(header), ...rows.map(fmt));
  lines.push(
    r.equal
      ? `result: every rebuilt table equals its live version (${r.tables.length} ${r.tables.length === 1 ? 'table' : 'tables'})`
      : `result: ${r.tables.filter((t) => !t.equal).length} of ${r.tables.length} tables differ from their live version; the rebuilt ones are now live`,
  );
  return `${lines.join('\n')}\n`;
}
