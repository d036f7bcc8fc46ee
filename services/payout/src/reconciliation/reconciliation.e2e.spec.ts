import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PostgresEventStore } from '@aid/event-store';
import { bearer, createTestSchema, testDatabaseUrl, waitFor, type TestSchema } from '@aid/testing';
import { recordPayables } from '../record-payables/record-payables';
import { aBillSettledEnvelope, aSettledBill, withLayerAmounts } from '../testing/fixtures';

/** The daily reconciliation through the built service's HTTP edge: the CSV body, its limit, its answers. */
const root = path.resolve(__dirname, '..', '..', '..', '..');
const HEADER = 'claim_id,member_id,discharge_date,fund,amount';

describe('daily reconciliation over HTTP', () => {
  let test: TestSchema;
  let service: ChildProcess;
  let url: string;
  let output = '';

  const day = () => `${url}/hospitals/e2e-rec-hospital/reconciliations/2019-03-11`;
  // The bureau uploads, resolves and closes; a hospital may upload and read its own days only.
  const bureau = bearer('medical-insurance');
  const send = async (target: string, body: string | Buffer, contentType: string, auth = bureau) => {
    const res = await fetch(target, { method: 'POST', headers: { 'content-type': contentType, ...auth }, body });
    return {
      status: res.status,
      body: (await res.json()) as { problems: { field: string }[] } & Record<string, unknown>,
    };
  };

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      env: { ...process.env, QUIET_BUILD: '1' },
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    test = await createTestSchema('payout_rec_e2e');
    const store = new PostgresEventStore({ pool: test.pool, schema: test.schema });
    await store.migrate();
    const envelope = aBillSettledEnvelope(
      withLayerAmounts(aSettledBill({ claimId: 'e2e-rc-1', memberId: 'e2e-m-1', hospitalId: 'e2e-rec-hospital' }), [
        '100.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
      ]),
    );
    const client = await test.pool.connect();
    try {
      await client.query('begin');
      await recordPayables(store, client, envelope.data, envelope);
      await client.query('commit');
    } finally {
      client.release();
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: testDatabaseUrl(),
      PAYOUT_SCHEMA: test.schema,
      PAYOUT_PORT: '0',
    };
    delete env.KAFKA_BROKERS;
    service = spawn(process.execPath, [path.join(root, 'dist/services/payout/src/main.js')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    service.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const found = await waitFor(() => /payout listening at (http:\/\/\S+)/.exec(output), 60_000, {
      message: () => output,
    });
    if (!found) throw new Error('unreachable');
    url = found[1];
  });

  afterAll(async () => {
    if (service && service.exitCode === null) {
      const exited = new Promise((resolve) => service.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
    await test?.drop();
  });

  it('refuses a bad file with 400 naming line and column, a wrong type, and a body over the limit', async () => {
    expect((await send(day(), HEADER, 'text/csv', bearer('hospital', { facility: 'another-hospital' }))).status).toBe(
      403,
    );
    expect(
      (await send(`${day()}/close`, '{}', 'application/json', bearer('hospital', { facility: 'e2e-rec-hospital' })))
        .status,
    ).toBe(403);
    const bad = await send(day(), `${HEADER}\ne2e-rc-1,e2e-m-1,2019-03-11,NO_FUND,1.005\n`, 'text/csv');
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p) => p.field)).toEqual(['line 2.fund', 'line 2.amount']);
    expect(await send(day(), HEADER, 'text/plain')).toMatchObject({
      status: 400,
      body: { problems: [{ field: 'Content-Type' }] },
    });
    expect(await send(day(), Buffer.alloc(1024 * 1024 + 1, 'a'), 'text/csv')).toMatchObject({
      status: 413,
      body: { problems: [{ field: 'body' }] },
    });
    const view = await fetch(day(), { headers: bureau }).then((r) => r.json());
    expect(view).toMatchObject({ status: 'NO_LIST', ours: { lines: 1, total: '100.00' } });
  });

  it('uploads, resolves and closes a day', async () => {
    const up = await send(
      day(),
      `${HEADER}\r\ne2e-rc-1,e2e-m-1,2019-03-11,BASIC_MEDICAL_INSURANCE_FUND,100.01\r\n`,
      'text/csv; charset=utf-8',
    );
    expect(up).toMatchObject({
      status: 200,
      body: { status: 'OPEN', differences: [{ differenceId: 'd-1', reason: 'AMOUNT_DIFFERS' }] },
    });
    const json = 'application/json';
    expect(await send(`${day()}/close`, JSON.stringify({ closedBy: 'clerk-wang' }), json)).toMatchObject({
      status: 422,
      body: { error: 'DIFFERENCES_UNRESOLVED' },
    });
    expect(
      await send(
        `${day()}/differences/d-1/resolve`,
        JSON.stringify({ resolution: 'MAYBE', note: '', resolvedBy: 'x', extra: 1 }),
        json,
      ),
    ).toMatchObject({
      status: 400,
      body: { problems: [{ field: 'resolution' }, { field: 'note' }, { field: 'extra' }] },
    });
    const resolved = await send(
      `${day()}/differences/d-1/resolve`,
      JSON.stringify({ resolution: 'ACCEPT_OURS', note: 'the bill says 100.00', resolvedBy: 'clerk-li' }),
      json,
    );
    expect(resolved).toMatchObject({
      status: 200,
      body: { differences: [{ state: 'RESOLVED', resolvedBy: 'clerk-li' }] },
    });
    expect(await send(`${day()}/close`, JSON.stringify({ closedBy: 'clerk-wang' }), json)).toMatchObject({
      status: 200,
      body: { status: 'CLOSED', closedBy: 'clerk-wang' },
    });
  });
});
