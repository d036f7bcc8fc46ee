import { formatReport, parseRebuildArgs } from './cli';
import type { RebuildReport } from './rebuild';

const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' };

describe('the rebuild command line', () => {
  it('reads the projection, the schema (default payout) and the database', () => {
    expect(parseRebuildArgs(['--projection', 'household-ledger'], env)).toEqual({
      ok: true,
      args: { projection: 'household-ledger', schema: 'payout', databaseUrl: env.DATABASE_URL, compare: true },
    });
    expect(parseRebuildArgs(['--projection=all', '--no-compare'], { ...env, PAYOUT_SCHEMA: 'payout_2' })).toEqual({
      ok: true,
      args: { projection: 'all', schema: 'payout_2', databaseUrl: env.DATABASE_URL, compare: false },
    });
  });

  it('names every problem at once, with the usage', () => {
    const parsed = parseRebuildArgs(['--projection', 'ledger', '--fast'], { PAYOUT_SCHEMA: 'Payout' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      '--fast: unknown argument',
      '--projection: "ledger" is not one of household-ledger, hospital-receivables, all',
      'DATABASE_URL: must be a postgres:// connection string',
      'PAYOUT_SCHEMA: "Payout" is not a lower-case SQL identifier (at most 55 characters)',
    ]);
    expect(parsed.usage).toMatch(/^usage: npm run rebuild -- --projection household-ledger\|hospital-receivables\|all/);
    expect(parseRebuildArgs([], env)).toMatchObject({ ok: false, problems: ['--projection: required'] });
  });
});

describe('the rebuild report', () => {
  const report = (over: Partial<RebuildReport> = {}): RebuildReport => ({
    schema: 'payout',
    projections: ['household-ledger'],
    events: 1_000_010,
    position: '1000010',
    replay: { events: 1_000_000, ms: 12_500, eventsPerSecond: 80_000 },
    totalMs: 20_000,
    compared: true,
    tables: [
      {
        projection: 'household-ledger',
        table: 'household_ledger_lines',
        live: { rows: 750_000, md5: 'a'.repeat(32) },
        rebuilt: { rows: 750_000, md5: 'a'.repeat(32) },
        equal: true,
      },
      {
        projection: 'household-ledger',
        table: 'household_ledger_totals',
        live: { rows: 9, md5: 'b'.repeat(32) },
        rebuilt: { rows: 10, md5: 'c'.repeat(32) },
        equal: false,
      },
    ],
    equal: false,
    ...over,
  });

  it('shows the speed, the switch, and each table live beside rebuilt', () => {
    expect(formatReport(report()).split('\n')).toEqual([
      'replayed 1000000 events in 12.5 s (80000 events/s); 10 more caught up before the switch',
      'switched reads to the rebuilt tables at position 1000010; total 20.0 s',
      'table                           rows live  rows rebuilt  md5 live                          md5 rebuilt',
      `payout.household_ledger_lines      750000        750000  ${'a'.repeat(32)}  ${'a'.repeat(32)}  equal`,
      `payout.household_ledger_totals          9            10  ${'b'.repeat(32)}  ${'c'.repeat(32)}  DIFFERENT`,
      'result: 1 of 2 tables differ from their live version; the rebuilt ones are now live',
      '',
    ]);
  });

  it('says so when every table is equal, or when nothing was compared', () => {
    const tables = report().tables.slice(0, 1);
    expect(formatReport(report({ tables, equal: true }))).toContain(
      'result: every rebuilt table equals its live version (1 table)',
    );
    expect(formatReport(report({ compared: false, tables: [], equal: true }))).toMatch(
      /not compared with the live tables \(--no-compare\)\n$/,
    );
  });
});
