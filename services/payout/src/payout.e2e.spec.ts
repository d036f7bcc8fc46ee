import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PostgresEventStore } from '@aid/event-store';
import { agencyBearer, createTestSchema, testDatabaseUrl, waitFor, type TestSchema } from '@aid/testing';
import type { BillSettledV1 } from '@aid/contracts';
import { recordPayables } from './record-payables/record-payables';
import { aBillSettledEnvelope, aSettledBill, anOutOfCountyBill } from './testing/fixtures';

/**
 * The built service as a process, over HTTP. No claims events flow in here (no broker, its own
 * in-process bus), so payout's store is seeded directly, as its consumer would have written it;
 * the projections run in the service and fill its read models.
 */
const root = path.resolve(__dirname, '..', '..', '..');

describe('payout over HTTP', () => {
  let test: TestSchema;
  let store: PostgresEventStore;
  let service: ChildProcess;
  let url: string;
  let output = '';
  let settlementId = '';

  const settle = async (bill: BillSettledV1) => {
    const envelope = aBillSettledEnvelope(bill);
    const client = await test.pool.connect();
    try {
      await client.query('begin');
      await recordPayables(store, client, envelope.data, envelope);
      await client.query('commit');
    } finally {
      client.release();
    }
    return envelope.eventId;
  };
  const get = async (pathAndQuery: string) => {
    const res = await fetch(`${url}${pathAndQuery}`, { headers: agencyBearer('payout') });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const env = () => {
    const e: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: testDatabaseUrl(),
      PAYOUT_SCHEMA: test.schema,
      PAYOUT_PORT: '0',
    };
    // Without brokers the service runs on its own in-process bus.
    delete e.KAFKA_BROKERS;
    return e;
  };

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      env: { ...process.env, QUIET_BUILD: '1' },
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    test = await createTestSchema('payout_e2e');
    store = new PostgresEventStore({ pool: test.pool, schema: test.schema });
    await store.migrate();
    settlementId = await settle(
      aSettledBill({ claimId: 'e2e-1', householdId: 'e2e-household', hospitalId: 'e2e-hospital' }),
    );
    await settle(anOutOfCountyBill({ claimId: 'e2e-2', householdId: 'e2e-household', dischargeDate: '2019-05-20' }));

    service = spawn(process.execPath, [path.join(root, 'dist/services/payout/src/main.js')], {
      cwd: root,
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    service.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const found = await waitFor(() => /payout listening at (http:\/\/\S+)/.exec(output), 60_000, {
      message: () => output,
    });
    if (!found) throw new Error('unreachable');
    url = found[1];
    // The projections catch up on the seeded events.
    await waitFor(
      async () => ((await get('/households/e2e-household/ledger?year=2019')).body.lines as unknown[]).length === 8,
      60_000,
    );
  });

  afterAll(async () => {
    if (service && service.exitCode === null) {
      const exited = new Promise((resolve) => service.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
    await test?.drop();
  });

  it('answers a household ledger: lines by program, fund and payee, and totals', async () => {
    const { status, body } = await get('/households/e2e-household/ledger?year=2019');
    expect(status).toBe(200);
    expect(body).toMatchObject({ householdId: 'e2e-household', year: 2019 });
    const lines = body.lines as { month: string; type: string; payee: unknown; amount: string }[];
    expect(lines.slice(0, 1)).toEqual([
      expect.objectContaining({
        month: '2019-03',
        type: 'HospitalReimbursementOwed',
        program: 'MEDICAL',
        fund: 'BASIC_MEDICAL_INSURANCE_FUND',
        payee: { kind: 'HOSPITAL', hospitalId: 'e2e-hospital' },
        claimId: 'e2e-1',
        amount: '6800.00',
      }),
    ]);
    expect(lines[7]).toMatchObject({
      month: '2019-05',
      type: 'BankCardPaymentDue',
      payee: { kind: 'HOUSEHOLD_BANK_CARD', hospitalId: null },
    });
    expect(body.totals).toMatchObject({
      total: '21600.00',
      lines: 8,
      byProgram: [expect.objectContaining({ program: 'MEDICAL', amount: '21600.00' })],
    });
  });

  it('answers a household it never paid with 200 and an empty ledger', async () => {
    await expect(get('/households/nobody/ledger?year=2019')).resolves.toEqual({
      status: 200,
      body: {
        householdId: 'nobody',
        year: 2019,
        lines: [],
        totals: { byProgram: [], byFund: [], total: '0.00', lines: 0 },
      },
    });
  });

  it("answers a hospital's receivables per fund and month", async () => {
    const { status, body } = await get('/hospitals/e2e-hospital/receivables?year=2019');
    expect(status).toBe(200);
    expect(body).toMatchObject({ hospitalId: 'e2e-hospital', year: 2019, total: '10800.00' });
    expect(body.months).toEqual([expect.objectContaining({ month: '2019-03', total: '10800.00' })]);
    expect((body.byFund as unknown[]).length).toBe(4);
  });

  it("answers a claim's payables, and 404 for a claim payout never recorded", async () => {
    const { status, body } = await get('/claims/e2e-1/payables');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      claimId: 'e2e-1',
      payee: 'HOSPITAL',
      settlementEventId: settlementId,
      total: '10800.00',
    });
    expect((body.payables as unknown[]).length).toBe(4);
    await expect(get('/claims/never-settled/payables')).resolves.toEqual({
      status: 404,
      body: {
        statusCode: 404,
        error: 'CLAIM_NOT_FOUND',
        message: 'payout has recorded no settlement of claim never-settled',
      },
    });
  });

  it.each([
    ['/households/e2e-household/ledger', 'year', 'is required'],
    ['/households/e2e-household/ledger?year=19', 'year', 'must be a year from 2000 to 2100'],
    ['/households/e2e-household/ledger?year=2019.5', 'year', 'must be a year from 2000 to 2100'],
    ['/households/e2e-household/ledger?year=2019&year=2020', 'year', 'must be a year from 2000 to 2100'],
    ['/households/e2e-household/ledger?year=2019&yaer=2019', 'yaer', 'is not a known field'],
    ['/households/bad%20id!/ledger?year=2019', 'householdId', 'must be an id'],
    ['/hospitals/e2e-hospital/receivables?year=1999', 'year', 'must be a year from 2000 to 2100'],
    ['/hospitals/e2e-hospital/receivables', 'year', 'is required'],
    ['/claims/bad%20claim/payables', 'claimId', 'must be an id'],
    ['/claims/e2e-1/payables?year=2019', 'year', 'is not a known field'],
  ])('answers %s with 400 naming %s', async (request, field, message) => {
    const { status, body } = await get(request);
    expect(status).toBe(400);
    expect(body.problems).toEqual(expect.arrayContaining([{ field, message: expect.stringContaining(message) }]));
    expect(body.message).toContain(field);
  });

  it('lists every endpoint in its OpenAPI document', async () => {
    const { body } = await get('/docs/json');
    expect(Object.keys(body.paths as object).sort()).toEqual([
      '/claims/{claimId}/payables',
      '/health',
      '/hospitals/{hospitalId}/receivables',
      '/hospitals/{hospitalId}/reconciliations/{day}',
      '/hospitals/{hospitalId}/reconciliations/{day}/close',
      '/hospitals/{hospitalId}/reconciliations/{day}/differences/{differenceId}/resolve',
      '/households/{householdId}/ledger',
      '/payment-runs/{fund}/{month}',
      '/payment-runs/{fund}/{month}/approve',
      '/payment-runs/{fund}/{month}/cancel',
      '/payment-runs/{fund}/{month}/reject',
      '/ready',
    ]);
  });

  it('rebuilds its read models with `npm run rebuild` while it serves, and goes on projecting', async () => {
    const before = await get('/households/e2e-household/ledger?year=2019');
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'rebuild.mjs'), '--projection', 'all'], {
      cwd: root,
      env: env(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).not.toContain('failed');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`rebuilding all in schema ${test.schema}`);
    expect(run.stdout).toMatch(new RegExp(`${test.schema}\\.household_ledger_lines +8 +8 +([0-9a-f]{32})  \\1  equal`));
    expect(run.stdout).toContain('result: every rebuilt table equals its live version (3 tables)');
    await expect(get('/households/e2e-household/ledger?year=2019')).resolves.toEqual(before);

    await settle(aSettledBill({ claimId: 'e2e-3', householdId: 'e2e-household', hospitalId: 'e2e-hospital' }));
    const after = await waitFor(async () => {
      const { body } = await get('/households/e2e-household/ledger?year=2019');
      return (body.lines as unknown[]).length >= 12 && body;
    }, 60_000);
    if (!after) throw new Error('unreachable');
    expect(after.lines as unknown[]).toHaveLength(12);
    expect(after.totals).toMatchObject({ total: '32400.00', lines: 12 });
  });

  it('refuses bad rebuild arguments with its usage (exit 2)', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'dist/services/payout/src/rebuild/main.js'), '--projection', 'everything'],
      {
        cwd: root,
        env: env(),
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      '--projection: "everything" is not one of household-ledger, hospital-receivables, all',
    );
    expect(run.stderr).toContain('usage: npm run rebuild -- --projection');
  });
});
