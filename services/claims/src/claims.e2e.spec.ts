import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { formatYuan } from '@aid/money';
import { startBuiltProcess, testDatabaseUrl, waitFor, type RunningProcess } from '@aid/testing';

/**
 * Claims as it ships, fed by enrollment over the in-process bus: the embedded launcher runs
 * the services in one process, and this test talks to them only over HTTP.
 */
const suffix = randomBytes(3).toString('hex');
const schemas = {
  enrollment: `t_clm_e2e_enr_${suffix}`,
  claims: `t_clm_e2e_clm_${suffix}`,
  payout: `t_clm_e2e_pay_${suffix}`,
};
const urls = { enrollment: '', claims: '' };
let app: RunningProcess;

// A resident ID number with a valid check digit (region 152223, born 1961-07-04).
const ID_NUMBER = '152223196107040158';

async function http(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  app = await startBuiltProcess(
    'dist/tools/embedded/src/main.js',
    {
      DATABASE_URL: testDatabaseUrl(),
      AID_LEDGER_BASE_PORT: '0',
      AID_LEDGER_DEMO: 'off',
      ENROLLMENT_SCHEMA: schemas.enrollment,
      CLAIMS_SCHEMA: schemas.claims,
      PAYOUT_SCHEMA: schemas.payout,
      KAFKA_BROKERS: undefined,
    },
    { readyPattern: /aid-ledger is running/ },
  );
  for (const name of ['enrollment', 'claims'] as const) {
    urls[name] = new RegExp(`${name}\\s+(http://\\S+)`).exec(app.output())![1];
  }
}, 120_000);

afterAll(async () => {
  await app?.stop();
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
  for (const s of Object.values(schemas)) await pool.query(`drop schema if exists ${s} cascade`);
  await pool.end();
}, 60_000);

describe('claims over HTTP', () => {
  it('settles 20 different bills of one member sent at once: 20 answers 201, every one recorded', async () => {
    const registered = await http('POST', `${urls.enrollment}/households`, {
      householdId: 'E2E-HH',
      region: 'xingan-league',
      address: {
        province: '内蒙古自治区',
        city: '兴安盟',
        county: '科尔沁右翼中旗',
        township: '某镇',
        village: '某村',
      },
      registeredOn: '2016-05-01',
      categories: ['POOR'],
      head: { memberId: 'E2E-M1', name: '测试', idNumber: ID_NUMBER },
    });
    expect(registered.status).toBe(201);
    const insured = await http('POST', `${urls.enrollment}/members/E2E-M1/insurance`, {
      year: 2019,
      premium: '220.00',
      premiumSubsidy: '220.00',
    });
    expect(insured.status).toBe(201);
    await waitFor(async () => {
      const { status, body } = await http('GET', `${urls.claims}/members/E2E-M1/eligibility?date=2019-03-10`);
      return status === 200 && body.insured === true;
    }, 60_000);

    const bills = Array.from({ length: 20 }, (_, i) => ({
      claimId: `E2E-${i}`,
      memberId: 'E2E-M1',
      hospitalId: 'H-county',
      admissionDate: '2019-03-01',
      dischargeDate: '2019-03-10',
      visitType: 'INPATIENT',
      facilityLevel: 'SECONDARY',
      inCounty: true,
      totalCost: formatYuan(3_000_000 + i * 100_000),
      eligibleCost: formatYuan(2_700_000 + i * 100_000),
    }));
    const answers = await Promise.all(bills.map((b) => http('POST', `${urls.claims}/bills`, b)));
    expect(answers.map((a) => `${a.status} ${a.body.status}`)).toEqual(Array(20).fill('201 SETTLED'));

    const { body } = await http('GET', `${urls.claims}/members/E2E-M1/accumulators?year=2019`);
    expect([...body.claims].sort()).toEqual(bills.map((b) => b.claimId).sort());
    for (const b of bills)
      expect((await http('GET', `${urls.claims}/claims/${b.claimId}`)).body.status).toBe('SETTLED');
  });
});
