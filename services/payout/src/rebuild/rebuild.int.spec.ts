import { waitFor } from '@aid/testing';
import { hospitalReceivables } from '../hospital-receivables/receivables.query';
import { householdLedger, type HouseholdLedgerView } from '../household-ledger/ledger.query';
import { PAYOUT_PROJECTIONS } from '../payout';
import type { ProjectionTable } from '../projection/projection';
import { aSettledBill } from '../testing/fixtures';
import { payoutHarness, type PayoutHarness } from '../testing/harness';
import { formatReport } from './cli';
import { rebuildProjection, RebuildError, tableChecksum, type RebuildPhase } from './rebuild';
import { seedPayables } from './seed';

const TABLES = PAYOUT_PROJECTIONS.flatMap((p): readonly ProjectionTable[] => p.tables);

describe('rebuilding the read models from the events', () => {
  let h: PayoutHarness;

  /** Every row of every projection table, in key order: what "the same rows" means. */
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const t of TABLES) {
      out[t.name] = (await h.pool.query(`select * from ${h.schema}.${t.name} order by ${t.key.join(', ')}`)).rows;
    }
    return out;
  };
  /** Columns, constraints and indexes of the projection tables, by name and definition. */
  const shape = async () => {
    const { rows } = await h.pool.query(
      `select c.relname as table,
              (select json_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then ' not null' else '' end order by a.attnum)
                 from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
              (select json_agg(conname || ' ' || pg_get_constraintdef(k.oid) order by conname) from pg_constraint k where k.conrelid = c.oid) as constraints,
              (select json_agg(i.relname || ' ' || pg_get_indexdef(i.oid) order by i.relname) from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = c.oid) as indexes
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.relname = any($2::text[]) order by c.relname`,
      [h.schema, TABLES.map((t) => t.name)],
    );
    return rows;
  };

  beforeAll(async () => {
    h = await payoutHarness('payout_rebuild');
    await seedPayables(h.store, { claims: 400, households: 60, hospitals: 7, concurrency: 8 });
    await h.settle(aSettledBill({ claimId: 'known-1', householdId: 'hh-known', hospitalId: 'hosp-known' }));
    await h.project();
  });
  afterAll(() => h.drop());

  it('rebuilds every projection with the same rows as the live ones, row by row and by checksum', async () => {
    await h.visible();
    const rows = await snapshot();
    const tables = await shape();
    const stored = async () =>
      (await h.pool.query(`select count(*)::int as n, max(global_position)::text as last from ${h.schema}.events`))
        .rows[0];
    const before = await stored();
    const report = await rebuildProjection(h.pool, h.schema, 'all', { batchSize: 97 });
    // A rebuild only reads the store: nothing appended, so nothing for the relay to publish.
    expect(await stored()).toEqual(before);

    expect(report.equal).toBe(true);
    expect(report.tables.map((t) => t.table)).toEqual(TABLES.map((t) => t.name));
    for (const t of report.tables) {
      expect(t.rebuilt).toEqual(t.live);
      expect(t.rebuilt.rows).toBe(rows[t.table].length);
    }
    const events = (await h.pool.query(`select count(*)::int as n from ${h.schema}.events`)).rows[0].n;
    expect(report.events).toBe(events);
    expect(report.replay.events).toBe(events);
    // The switched-in tables: the same rows, and the same columns, keys, indexes and names.
    expect(await snapshot()).toEqual(rows);
    expect(await shape()).toEqual(tables);
    const stray = await h.pool.query(`select nspname from pg_namespace where nspname like $1`, [`${h.schema}\\_%`]);
    expect(stray.rows).toEqual([]);
    // What the report prints.
    expect(formatReport(report)).toMatch(/result: every rebuilt table equals its live version \(3 tables\)/);
  });

  it('keeps answering queries with the full read model at every phase of a rebuild', async () => {
    const expected = await householdLedger(h.payout.dataSource, 'hh-known', 2019);
    const expectedReceivables = await hospitalReceivables(h.payout.dataSource, 'hosp-known', 2019);
    expect(expected.lines).toHaveLength(4);
    const phases: RebuildPhase[] = [];
    const answers: HouseholdLedgerView[] = [];
    // Queries running all along, besides the ones made at each phase.
    let running = true;
    const reader = (async () => {
      let n = 0;
      while (running) {
        answers.push(await householdLedger(h.payout.dataSource, 'hh-known', 2019));
        n++;
      }
      return n;
    })();
    await rebuildProjection(h.pool, h.schema, 'all', {
      batchSize: 50,
      onProgress: async (p) => {
        if (!phases.includes(p.phase)) {
          phases.push(p.phase);
          answers.push(await householdLedger(h.payout.dataSource, 'hh-known', 2019));
          await expect(hospitalReceivables(h.payout.dataSource, 'hosp-known', 2019)).resolves.toEqual(
            expectedReceivables,
          );
        }
      },
    });
    running = false;
    expect(await reader).toBeGreaterThan(0);
    expect(phases).toEqual(['prepare', 'replay', 'catch-up', 'checksum', 'switch', 'done']);
    for (const answer of answers) expect(answer).toEqual(expected);
  });

  it('takes in what is appended during a rebuild exactly once, while the live worker runs', async () => {
    await h.visible();
    const before = (await h.pool.query(`select count(*)::int as n from ${h.schema}.events`)).rows[0].n;
    for (const w of h.payout.projectionWorkers) await w.start();
    try {
      let appended = false;
      const report = await rebuildProjection(h.pool, h.schema, 'all', {
        batchSize: 100,
        onProgress: async (p) => {
          if (p.phase === 'replay' && !appended) {
            appended = true;
            // After the replay's horizon: the shadow gets it in the catch-up, the live worker as usual.
            await h.settle(aSettledBill({ claimId: 'during-1', householdId: 'hh-during', hospitalId: 'hosp-known' }));
          }
        },
      });
      expect(report.equal).toBe(true);
      // Appended after the replay's horizon: the catch-up took it in (or, had another test held a
      // transaction open past the switch, the live worker on the rebuilt tables; once either way).
      expect(report.replay.events).toBe(before);
      await h.settle(aSettledBill({ claimId: 'after-1', householdId: 'hh-during', hospitalId: 'hosp-known' }));
      // The live worker resumes on the rebuilt tables from their checkpoint: each event once.
      const ledger = await waitFor(async () => {
        const l = await householdLedger(h.payout.dataSource, 'hh-during', 2019);
        return l.lines.length >= 8 && l;
      }, 60_000);
      if (!ledger) throw new Error('unreachable');
      expect(ledger.lines.map((l) => l.claimId).sort()).toEqual([
        ...Array(4).fill('after-1'),
        ...Array(4).fill('during-1'),
      ]);
      expect(ledger.totals.total).toBe('21600.00');
    } finally {
      for (const w of h.payout.projectionWorkers) await w.stop();
    }
    await h.project();
    const again = await rebuildProjection(h.pool, h.schema, 'all');
    expect(again.equal).toBe(true);
  });

  it('reports a live table that drifted from the events, and puts the rebuilt one in its place', async () => {
    await h.pool.query(
      `update ${h.schema}.household_ledger_totals set amount_fen = amount_fen + 1 where household_id = 'hh-known' and fund = 'BASIC_MEDICAL_INSURANCE_FUND'`,
    );
    const drifted = await tableChecksum(h.pool, h.schema, 'household_ledger_totals', [
      'household_id',
      'year',
      'program',
      'fund',
    ]);
    const report = await rebuildProjection(h.pool, h.schema, 'household-ledger');
    expect(report.projections).toEqual(['household-ledger']);
    expect(report.equal).toBe(false);
    expect(report.tables.map((t) => [t.table, t.equal])).toEqual([
      ['household_ledger_lines', true],
      ['household_ledger_totals', false],
    ]);
    expect(report.tables[1].live).toEqual(drifted);
    expect(formatReport(report)).toMatch(/household_ledger_totals .* DIFFERENT/);
    const ledger = await householdLedger(h.payout.dataSource, 'hh-known', 2019);
    expect(ledger.totals.byFund.find((f) => f.fund === 'BASIC_MEDICAL_INSURANCE_FUND')?.amount).toBe('6800.00');
  });

  it('can switch the rebuilt tables in without comparing them (a first build, or tables known to be wrong)', async () => {
    const rows = await snapshot();
    await h.pool.query(`delete from ${h.schema}.hospital_receivables`);
    const report = await rebuildProjection(h.pool, h.schema, 'hospital-receivables', { compare: false });
    expect(report).toMatchObject({ compared: false, tables: [], equal: true });
    expect(formatReport(report)).toContain('result: not compared with the live tables (--no-compare)');
    expect(await snapshot()).toEqual(rows);
  });

  it('refuses a second rebuild of the same schema while one runs', async () => {
    const second: unknown[] = [];
    await rebuildProjection(h.pool, h.schema, 'hospital-receivables', {
      onProgress: async (p) => {
        if (p.phase === 'prepare')
          second.push(await rebuildProjection(h.pool, h.schema, 'household-ledger').catch((e: unknown) => e));
      },
    });
    const error = await second[0];
    expect(error).toBeInstanceOf(RebuildError);
    expect((error as Error).message).toBe(`a rebuild is already running in schema ${h.schema}`);
  });

  it('refuses a projection it does not know', async () => {
    await expect(rebuildProjection(h.pool, h.schema, 'ledger' as never)).rejects.toThrow(
      'projection: "ledger" is not one of household-ledger, hospital-receivables, all',
    );
  });
});

describe('rebuilding from an empty store', () => {
  let h: PayoutHarness;
  beforeAll(async () => {
    h = await payoutHarness('payout_rebuild_empty');
  });
  afterAll(() => h.drop());

  it('switches in empty tables and says they are equal', async () => {
    const report = await rebuildProjection(h.pool, h.schema, 'all');
    expect(report).toMatchObject({ events: 0, position: null, equal: true });
    expect(report.tables.every((t) => t.live.rows === 0 && t.rebuilt.rows === 0)).toBe(true);
  });
});
