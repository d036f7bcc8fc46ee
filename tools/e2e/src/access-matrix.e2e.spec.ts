import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { ROLES, signToken, type Role } from '@aid/auth';
import { bearer, startEmbedded, testDatabaseUrl, testSigningKey, testToken, type RunningProcess } from '@aid/testing';

/**
 * Who may do what (docs/security.md), cell by cell: every endpoint the services publish in
 * their OpenAPI documents, called with a token of every role, answers 403 exactly where this
 * table says so. An endpoint the table does not list fails the test: new endpoints join it.
 */
type Service = 'enrollment' | 'claims' | 'payout';
const EVERYONE = ROLES;
const PUBLIC = 'public' as const;

/** `service METHOD /openapi/path` → the roles allowed (or public), and a request to send. */
const MATRIX: Record<string, { allow: readonly Role[] | typeof PUBLIC; path: string }> = {
  'enrollment GET /health': { allow: PUBLIC, path: '/health' },
  'enrollment GET /ready': { allow: PUBLIC, path: '/ready' },
  'enrollment POST /households': { allow: ['civil-affairs'], path: '/households' },
  'enrollment POST /households/{householdId}/members': { allow: ['civil-affairs'], path: '/households/mx-h-1/members' },
  'enrollment POST /members/{memberId}/insurance': { allow: ['civil-affairs'], path: '/members/mx-m-1/insurance' },
  'enrollment POST /members/{memberId}/diseases': { allow: ['civil-affairs'], path: '/members/mx-m-1/diseases' },
  'enrollment DELETE /members/{memberId}/personal-data': { allow: ['dpo'], path: '/members/mx-m-1/personal-data' },
  'enrollment PUT /members/{memberId}/bank-card': { allow: ['civil-affairs'], path: '/members/mx-m-1/bank-card' },
  'enrollment GET /households/{householdId}': {
    allow: ['civil-affairs', 'township', 'auditor', 'dpo'],
    path: '/households/mx-h-1',
  },
  'enrollment GET /households/{householdId}/history': {
    allow: ['civil-affairs', 'auditor', 'dpo'],
    path: '/households/mx-h-1/history',
  },
  'enrollment GET /members/{memberId}': { allow: ['civil-affairs', 'auditor', 'dpo'], path: '/members/mx-m-1' },

  'claims GET /health': { allow: PUBLIC, path: '/health' },
  'claims GET /ready': { allow: PUBLIC, path: '/ready' },
  'claims POST /bills': { allow: ['hospital', 'medical-insurance'], path: '/bills' },
  'claims POST /claims/{claimId}/review': { allow: ['medical-insurance'], path: '/claims/mx-c-1/review' },
  'claims GET /claims/{claimId}': {
    allow: ['hospital', 'medical-insurance', 'auditor', 'dpo'],
    path: '/claims/mx-c-1',
  },
  'claims GET /members/{memberId}/accumulators': {
    allow: ['medical-insurance', 'auditor', 'dpo'],
    path: '/members/mx-m-1/accumulators?year=2019',
  },
  'claims GET /members/{memberId}/eligibility': {
    allow: ['hospital', 'medical-insurance', 'auditor', 'dpo'],
    path: '/members/mx-m-1/eligibility?date=2019-01-01',
  },
  'claims GET /policies': { allow: EVERYONE, path: '/policies' },
  'claims POST /facilities': { allow: ['medical-insurance'], path: '/facilities' },
  'claims GET /facilities': { allow: EVERYONE, path: '/facilities' },
  'claims GET /facilities/{facilityId}': { allow: EVERYONE, path: '/facilities/mx-f-1' },
  'claims PUT /facilities/{facilityId}': { allow: ['medical-insurance'], path: '/facilities/mx-f-1' },
  'claims POST /facilities/{facilityId}/end': { allow: ['medical-insurance'], path: '/facilities/mx-f-1/end' },

  'payout GET /health': { allow: PUBLIC, path: '/health' },
  'payout GET /ready': { allow: PUBLIC, path: '/ready' },
  'payout GET /households/{householdId}/ledger': {
    allow: ['finance', 'auditor', 'dpo'],
    path: '/households/mx-h-1/ledger?year=2019',
  },
  'payout GET /claims/{claimId}/payables': {
    allow: ['hospital', 'medical-insurance', 'finance', 'auditor', 'dpo'],
    path: '/claims/mx-c-1/payables',
  },
  'payout GET /hospitals/{hospitalId}/receivables': {
    allow: ['hospital', 'medical-insurance', 'finance', 'auditor', 'dpo'],
    path: '/hospitals/mx-f-1/receivables?year=2019',
  },
  'payout POST /hospitals/{hospitalId}/reconciliations/{day}': {
    allow: ['hospital', 'medical-insurance'],
    path: '/hospitals/mx-f-1/reconciliations/2019-03-11',
  },
  'payout GET /hospitals/{hospitalId}/reconciliations/{day}': {
    allow: ['hospital', 'medical-insurance', 'finance', 'auditor'],
    path: '/hospitals/mx-f-1/reconciliations/2019-03-11',
  },
  'payout POST /hospitals/{hospitalId}/reconciliations/{day}/differences/{differenceId}/resolve': {
    allow: ['medical-insurance'],
    path: '/hospitals/mx-f-1/reconciliations/2019-03-11/differences/d-1/resolve',
  },
  'payout POST /hospitals/{hospitalId}/reconciliations/{day}/close': {
    allow: ['medical-insurance'],
    path: '/hospitals/mx-f-1/reconciliations/2019-03-11/close',
  },
  'payout POST /payment-runs/{fund}/{month}': {
    allow: ['finance'],
    path: '/payment-runs/MEDICAL_ASSISTANCE_FUND/2019-03',
  },
  'payout GET /payment-runs/{fund}/{month}': {
    allow: ['finance', 'medical-insurance', 'auditor'],
    path: '/payment-runs/MEDICAL_ASSISTANCE_FUND/2019-03',
  },
  'payout POST /payment-runs/{fund}/{month}/approve': {
    allow: ['finance'],
    path: '/payment-runs/MEDICAL_ASSISTANCE_FUND/2019-03/approve',
  },
  'payout POST /payment-runs/{fund}/{month}/reject': {
    allow: ['finance'],
    path: '/payment-runs/MEDICAL_ASSISTANCE_FUND/2019-03/reject',
  },
  'payout POST /payment-runs/{fund}/{month}/cancel': {
    allow: ['finance'],
    path: '/payment-runs/MEDICAL_ASSISTANCE_FUND/2019-03/cancel',
  },
};

/** Each role's scope in the sweep: a hospital's own facility is the one the requests name. */
const SCOPE: Partial<Record<Role, Record<string, string>>> = {
  hospital: { facility: 'mx-f-1' },
  township: { township: '义勒力特镇' },
};

const urls: Record<Service, string> = { enrollment: '', claims: '', payout: '' };
const schemas = (() => {
  const suffix = randomBytes(3).toString('hex');
  return { enrollment: `t_mx_enr_${suffix}`, claims: `t_mx_clm_${suffix}`, payout: `t_mx_pay_${suffix}` };
})();
let app: RunningProcess;

async function call(
  service: Service,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(urls[service] + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  const started = await startEmbedded(schemas);
  app = started.app;
  Object.assign(urls, started.urls);
});

afterAll(async () => {
  await app?.stop();
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
  for (const s of Object.values(schemas)) await pool.query(`drop schema if exists ${s} cascade`);
  await pool.end();
});

describe('who may do what', () => {
  it('lists every endpoint the services publish, and each protected one declares the bearer scheme', async () => {
    const published: string[] = [];
    const unsecured: string[] = [];
    for (const service of ['enrollment', 'claims', 'payout'] as const) {
      const doc = (await (await fetch(`${urls[service]}/docs/json`)).json()) as {
        paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>>;
      };
      for (const [path, operations] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(operations)) {
          const key = `${service} ${method.toUpperCase()} ${path}`;
          published.push(key);
          const isPublic = MATRIX[key]?.allow === PUBLIC;
          if (!isPublic && !op.security?.some((s) => 'bearer' in s)) unsecured.push(key);
        }
      }
    }
    expect(published.sort()).toEqual(Object.keys(MATRIX).sort());
    expect(unsecured).toEqual([]);
  });

  it('answers 403 exactly where the matrix says, and never 401 to a valid token', async () => {
    const wrong: string[] = [];
    for (const [key, { allow, path }] of Object.entries(MATRIX)) {
      const [service, method] = key.split(' ') as [Service, string];
      for (const role of ROLES) {
        const { status } = await call(service, method, path, bearer(role, SCOPE[role]));
        const allowed = allow === PUBLIC || allow.includes(role);
        const ok = allowed ? status !== 401 && status !== 403 : status === 403;
        if (!ok) wrong.push(`${key} as ${role}: ${status} (expected ${allowed ? 'allowed' : '403'})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 with a Bearer challenge to no token, a bad signature, an expired token, a wrong issuer or audience', async () => {
    const key = testSigningKey();
    const claims = { sub: 'mx-auditor', role: 'auditor' };
    const valid = signToken(key, claims);
    const [head, payload, signature] = valid.split('.');
    const otherKey = { ...key, privateJwk: generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) };
    const cases: Record<string, Record<string, string>> = {
      'no token': {},
      'not a bearer token': { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      'a tampered payload': {
        authorization: `Bearer ${head}.${Buffer.from(JSON.stringify({ ...claims, role: 'dpo', iss: key.issuer, aud: key.audience, exp: 4102444800 })).toString('base64url')}.${signature}`,
      },
      'another key': { authorization: `Bearer ${signToken(otherKey, claims)}` },
      'an unsigned token': {
        authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`,
      },
      expired: { authorization: `Bearer ${signToken(key, claims, { ttlSeconds: -3600 })}` },
      'a wrong issuer': { authorization: `Bearer ${signToken(key, claims, { issuer: 'urn:someone-else' })}` },
      'a wrong audience': { authorization: `Bearer ${signToken(key, claims, { audience: 'another-system' })}` },
      'an unknown role': { authorization: `Bearer ${signToken(key, { sub: 'mx', role: 'mayor' })}` },
    };
    const answers = await Promise.all(
      Object.entries(cases).map(async ([name, headers]) => {
        const r = await call('claims', 'GET', '/policies', headers);
        return [name, r.status, r.headers.get('www-authenticate')?.split(' ')[0], (r.body as { error?: string }).error];
      }),
    );
    expect(answers).toEqual(Object.keys(cases).map((name) => [name, 401, 'Bearer', 'Unauthorized']));
    expect((await call('claims', 'GET', '/policies', { authorization: `Bearer ${valid}` })).status).toBe(200);
    expect((await call('claims', 'GET', '/health')).status).toBe(200);
  });
});

describe('scopes and the actor', () => {
  const household = {
    householdId: `mx-${randomBytes(3).toString('hex')}`,
    region: 'xingan-league',
    address: {
      province: '内蒙古自治区',
      city: '兴安盟',
      county: '乌兰浩特市',
      township: '义勒力特镇',
      village: '前进村',
    },
    registeredOn: '2019-03-01',
    categories: ['POOR'],
    head: { name: '张三', idNumber: '152201196804120112' },
  };
  const clerk = { sub: 'xa-ca-wang', agency: '兴安盟民政局', region: 'xingan-league' };

  it('keeps a regional token to its region, a township to its township, a hospital to its facility', async () => {
    const elsewhere = bearer('civil-affairs', { ...clerk, region: 'zhangwu' });
    expect((await call('enrollment', 'POST', '/households', elsewhere, household)).status).toBe(403);
    const registered = await call('enrollment', 'POST', '/households', bearer('civil-affairs', clerk), household);
    expect(registered.status).toBe(201);
    const path = `/households/${household.householdId}`;
    expect((await call('enrollment', 'GET', path, elsewhere)).status).toBe(403);
    expect((await call('enrollment', 'GET', path, bearer('civil-affairs', clerk))).status).toBe(200);
    expect((await call('enrollment', 'GET', path, bearer('township', { township: '义勒力特镇' }))).status).toBe(200);
    expect((await call('enrollment', 'GET', path, bearer('township', { township: '乌兰哈达苏木' }))).status).toBe(403);
    expect((await call('enrollment', 'GET', path, bearer('township'))).status).toBe(403);
    const head = (registered.body as { headMemberId: string }).headMemberId;
    expect(
      (await call('enrollment', 'DELETE', `/members/${head}/personal-data`, bearer('dpo', { region: 'zhangwu' })))
        .status,
    ).toBe(403);

    const receivables = '/hospitals/mx-f-1/receivables?year=2019';
    expect((await call('payout', 'GET', receivables, bearer('hospital', { facility: 'mx-f-1' }))).status).toBe(200);
    expect((await call('payout', 'GET', receivables, bearer('hospital', { facility: 'mx-f-2' }))).status).toBe(403);
    expect((await call('payout', 'GET', receivables, bearer('hospital'))).status).toBe(403);
    const bill = {
      claimId: 'mx-c-2',
      memberId: head,
      hospitalId: 'mx-f-2',
      admissionDate: '2019-04-01',
      dischargeDate: '2019-04-05',
      visitType: 'INPATIENT',
      totalCost: '100.00',
      eligibleCost: '100.00',
    };
    expect((await call('claims', 'POST', '/bills', bearer('hospital', { facility: 'mx-f-1' }), bill)).status).toBe(403);
  });

  it("shows in a household's history who did each thing, for which agency and region", async () => {
    const member = await call(
      'enrollment',
      'POST',
      `/households/${household.householdId}/members`,
      bearer('civil-affairs', { ...clerk, sub: 'xa-ca-li' }),
      {
        name: '李四',
        idNumber: '152201197109030144',
        relation: 'SPOUSE',
        addedOn: '2019-03-01',
      },
    );
    expect(member.status).toBe(201);
    const history = await call('enrollment', 'GET', `/households/${household.householdId}/history`, bearer('auditor'));
    expect(history.status).toBe(200);
    const events = (history.body as { events: { type: string; at: string; actor: unknown }[] }).events;
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      [
        'HouseholdRegistered',
        { subject: 'xa-ca-wang', role: 'civil-affairs', agency: '兴安盟民政局', region: 'xingan-league' },
      ],
      [
        'MemberAdded',
        { subject: 'xa-ca-wang', role: 'civil-affairs', agency: '兴安盟民政局', region: 'xingan-league' },
      ],
      ['MemberAdded', { subject: 'xa-ca-li', role: 'civil-affairs', agency: '兴安盟民政局', region: 'xingan-league' }],
    ]);
    expect(events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    // The token's claims are bounded like any stored input: an oversized subject is refused.
    const long = `Bearer ${testToken('auditor', { sub: 'x'.repeat(200) })}`;
    expect(
      (await call('enrollment', 'GET', `/households/${household.householdId}/history`, { authorization: long })).status,
    ).toBe(401);
  });
});
