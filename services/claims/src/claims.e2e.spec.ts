import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { formatYuan } from '@aid/money';
import { agencyBearer, startEmbedded, testDatabaseUrl, waitFor, type RunningProcess } from '@aid/testing';

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are read field by field
async function http(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...agencyBearer(url.startsWith(urls.enrollment) ? 'enrollment' : 'claims', method),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  const started = await startEmbedded(schemas);
  app = started.app;
  urls.enrollment = started.urls.enrollment;
  urls.claims = started.urls.claims;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
  for (const s of Object.values(schemas)) await pool.query(`drop schema if exists ${s} cascade`);
  await pool.end();
}, 60_000);

const COUNTY_HOSPITAL = {
  facilityId: 'H-county',
  name: '科右中旗人民医院',
  level: 'SECONDARY',
  county: '科尔沁右翼中旗',
  region: 'xingan-league',
  inCounty: true,
  designatedFrom: '2015-01-01',
  designatedUntil: null,
  accounts: { BASIC_MEDICAL_INSURANCE_FUND: '622202020011223344' },
};

const aBill = (claimId: string, more: Record<string, unknown> = {}) => ({
  claimId,
  memberId: 'E2E-M1',
  hospitalId: 'H-county',
  admissionDate: '2019-04-01',
  dischargeDate: '2019-04-10',
  visitType: 'INPATIENT',
  totalCost: '5000.00',
  eligibleCost: '5000.00',
  ...more,
});

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
    const designated = await http('POST', `${urls.claims}/facilities`, COUNTY_HOSPITAL);
    expect(designated.status).toBe(201);

    const bills = Array.from({ length: 20 }, (_, i) => ({
      claimId: `E2E-${i}`,
      memberId: 'E2E-M1',
      hospitalId: 'H-county',
      admissionDate: '2019-03-01',
      dischargeDate: '2019-03-10',
      visitType: 'INPATIENT',
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

  it("keeps a registry of designated facilities, and takes each bill's level and county flag from it", async () => {
    const { status, body } = await http('GET', `${urls.claims}/facilities/H-county`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ facilityId: 'H-county', level: 'SECONDARY', inCounty: true, status: 'DESIGNATED' });
    expect(
      (await http('GET', `${urls.claims}/facilities?region=xingan-league`)).body.map(
        (f: { facilityId: string }) => f.facilityId,
      ),
    ).toContain('H-county');
    expect((await http('POST', `${urls.claims}/facilities`, COUNTY_HOSPITAL)).status).toBe(200);

    const badAccount = await http('POST', `${urls.claims}/facilities`, {
      ...COUNTY_HOSPITAL,
      facilityId: 'H-bad',
      accounts: { BASIC_MEDICAL_INSURANCE_FUND: '6222 0202', NO_SUCH_FUND: '622202020011223344' },
    });
    expect(badAccount.status).toBe(400);
    expect(JSON.stringify(badAccount.body)).toContain('accounts.BASIC_MEDICAL_INSURANCE_FUND');
    expect(JSON.stringify(badAccount.body)).toContain('accounts.NO_SUCH_FUND');

    const carried = await http(
      'POST',
      `${urls.claims}/bills`,
      aBill('E2E-LEVEL', { facilityLevel: 'TERTIARY', inCounty: false }),
    );
    expect(carried.status).toBe(400);
    expect(JSON.stringify(carried.body)).toMatch(/facilityLevel.*registry/);

    const madeUp = await http(
      'POST',
      `${urls.claims}/bills`,
      aBill('E2E-NOWHERE', {
        hospitalId: 'made-up-hospital',
        totalCost: '1000000000.00',
        eligibleCost: '1000000000.00',
      }),
    );
    expect(madeUp.status).toBe(422);
    expect(madeUp.body).toMatchObject({ code: 'FACILITY_NOT_DESIGNATED', recorded: true });

    const in1900 = await http('POST', `${urls.claims}/bills`, aBill('E2E-1900', { admissionDate: '1900-01-01' }));
    expect(in1900.status).toBe(400);
    expect(JSON.stringify(in1900.body)).toContain('admissionDate');
    const beforeEnrolment = await http(
      'POST',
      `${urls.claims}/bills`,
      aBill('E2E-EARLY', { admissionDate: '2016-04-30' }),
    );
    expect(beforeEnrolment.body).toMatchObject({ code: 'ADMITTED_BEFORE_ENROLMENT' });
  });

  it('holds a bill above the review threshold, and settles it once approved', async () => {
    const held = await http(
      'POST',
      `${urls.claims}/bills`,
      aBill('E2E-BIG', { totalCost: '250000.00', eligibleCost: '200000.00' }),
    );
    expect(held.status).toBe(202);
    expect(held.body).toMatchObject({ status: 'HELD_FOR_REVIEW', facilityLevel: 'SECONDARY' });
    expect((await http('GET', `${urls.claims}/claims/E2E-BIG`)).body.status).toBe('HELD_FOR_REVIEW');
    const { body: before } = await http('GET', `${urls.claims}/members/E2E-M1/accumulators?year=2019`);
    expect(before.claims).not.toContain('E2E-BIG');

    const approved = await http('POST', `${urls.claims}/claims/E2E-BIG/review`, {
      decision: 'APPROVE',
      reason: 'records checked',
      reviewer: 'e2e',
    });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ status: 'SETTLED', claimId: 'E2E-BIG', payee: 'HOSPITAL' });
    const { body: after } = await http('GET', `${urls.claims}/members/E2E-M1/accumulators?year=2019`);
    expect(after.claims).toContain('E2E-BIG');
  });
});
