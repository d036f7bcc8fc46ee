import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { startEmbedded, startService, testDatabaseUrl, type RunningProcess } from '@aid/testing';
import { getJson, runBillToLedgerFlow } from './flow';

const root = path.resolve(__dirname, '..', '..', '..');
const run = promisify(execFile);

function schemas(tag: string) {
  const suffix = randomBytes(3).toString('hex');
  return { enrollment: `t_${tag}_enr_${suffix}`, claims: `t_${tag}_clm_${suffix}`, payout: `t_${tag}_pay_${suffix}` };
}

async function dropSchemas(names: string[]): Promise<void> {
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
  for (const s of names) await pool.query(`drop schema if exists ${s} cascade`);
  await pool.end();
}

async function rebuildAll(payoutSchema: string): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [path.join(root, 'dist/services/payout/src/rebuild/main.js'), '--projection', 'all'],
    {
      env: { ...process.env, DATABASE_URL: testDatabaseUrl(), PAYOUT_SCHEMA: payoutSchema },
      timeout: 120_000,
    },
  );
  return stdout;
}

describe('one bill from registration to the household ledger', () => {
  describe('distributed: three services, each its own process, over Kafka and PostgreSQL', () => {
    const names = schemas('dist');
    const services: RunningProcess[] = [];
    const urls = { enrollment: '', claims: '', payout: '' };

    beforeAll(async () => {
      const brokers = process.env.KAFKA_BROKERS;
      if (!brokers) throw new Error('KAFKA_BROKERS is not set: this test needs the real broker');
      // Topics and groups of this run under a prefix of their own on the shared broker.
      const common = {
        DATABASE_URL: testDatabaseUrl(),
        KAFKA_BROKERS: brokers,
        AID_LEDGER_TOPIC_PREFIX: `e2e-${randomBytes(3).toString('hex')}.`,
      };
      for (const name of ['enrollment', 'claims', 'payout'] as const) {
        const service = await startService(name, { ...common, [`${name.toUpperCase()}_SCHEMA`]: names[name] });
        services.push(service);
        urls[name] = service.url;
      }
    });

    afterAll(async () => {
      for (const s of services) await s.stop();
      await dropSchemas(Object.values(names));
    });

    it('settles every bill and pays each fen once into the ledgers and receivables; a rebuild gives identical rows', async () => {
      await runBillToLedgerFlow(urls);

      const before = await getJson(`${urls.payout}/households/XA-0001/ledger?year=2019`);
      const report = await rebuildAll(names.payout);
      expect(report).toContain('result: every rebuilt table equals its live version');
      const after = await getJson(`${urls.payout}/households/XA-0001/ledger?year=2019`);
      expect(after).toEqual(before);

      for (const s of services) expect(s.output()).not.toMatch(/\d{17}[\dX]/);
    });
  });

  describe('embedded: the three services in one process on the in-process bus', () => {
    const names = schemas('emb');
    let app: RunningProcess;
    const urls = { enrollment: '', claims: '', payout: '' };

    beforeAll(async () => {
      const started = await startEmbedded(names);
      app = started.app;
      Object.assign(urls, started.urls);
    });

    afterAll(async () => {
      await app?.stop();
      await dropSchemas(Object.values(names));
    });

    it('walks the same path to the same ledgers', async () => {
      await runBillToLedgerFlow(urls);
      const report = await rebuildAll(names.payout);
      expect(report).toContain('result: every rebuilt table equals its live version');
    });
  });
});
