import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Pool } from 'pg';
import { agencyBearer, startEmbedded, testDatabaseUrl, waitFor, type RunningProcess } from '@aid/testing';

/**
 * The bad-input corpus: well over a thousand generated requests to every write endpoint of
 * enrollment and claims (and the reads that take ids), each wrong in one way, sent to the
 * built services (the embedded process: the three services on the in-process bus). Every one
 * must answer 4xx naming what is wrong in `problems[]`, never 5xx, and change nothing that
 * the services' read endpoints show. Requests go through node:http, not fetch, so that raw
 * paths (`..`, `%00`) and raw bodies reach the service as sent.
 */
const suffix = randomBytes(3).toString('hex');
const schemas = { enrollment: `t_bad_enr_${suffix}`, claims: `t_bad_clm_${suffix}`, payout: `t_bad_pay_${suffix}` };
let app: RunningProcess;
const urls = { enrollment: '', claims: '', payout: '' };

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function serviceAt(base: string): 'enrollment' | 'claims' | 'payout' {
  const service = (['enrollment', 'claims', 'payout'] as const).find((name) => urls[name] === base);
  if (!service) throw new Error(`no service at ${base}`);
  return service;
}

function send(
  base: string,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          // A token of the agency whose work the endpoint is: what is refused here is the input.
          ...agencyBearer(serviceAt(base), method),
          'content-type': 'application/json',
          ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let parsed: unknown = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            parsed = { unparsable: true };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// Made-up numbers that pass the check digit (never a real person's).
const HEAD_ID_NUMBER = '152201196804128712';
const MEMBER_ID_NUMBER = '152201199005068737';
const NEW_HEAD_ID_NUMBER = '152201199207088752';
const NEW_MEMBER_ID_NUMBER = '15220120010304876X';

const ADDRESS = {
  province: '内蒙古自治区',
  city: '兴安盟',
  county: '乌兰浩特市',
  township: '义勒力特镇',
  village: '前进村',
};
const SETUP = {
  household: {
    householdId: 'bi-1',
    region: 'xingan-league',
    address: ADDRESS,
    registeredOn: '2019-03-01',
    categories: ['POOR'],
    head: { memberId: 'bi-1-01', name: '张三', idNumber: HEAD_ID_NUMBER },
  },
  member: { memberId: 'bi-1-02', name: '李四', idNumber: MEMBER_ID_NUMBER, relation: 'SPOUSE', addedOn: '2019-03-01' },
  insurance: { year: 2019, premium: '220.00', premiumSubsidy: '200.00' },
  disease: { kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-05-10' },
};

// ---- values that are wrong for a kind of field -------------------------------------------

const CONTROL_AND_BROKEN_TEXT = [
  '\u0000',
  'a\u0000b',
  '\u0001',
  'x\u0007',
  'a\nb',
  'a\rb',
  'tab\there',
  '\u001b[31mred',
  '\u007f',
  '\u0085',
  '\u009f',
  '\ud800',
  'a\udc00b',
  '\udfff\ud800',
];
const NOT_A_STRING = [0, -1, 1.5, true, false, [], ['x'], {}, { a: 1 }];
const EMPTY_TEXT = ['', ' ', '   ', '\u3000'.trim()];
const TEXT_BAD = [
  ...NOT_A_STRING,
  ...EMPTY_TEXT,
  ...CONTROL_AND_BROKEN_TEXT,
  'x'.repeat(101),
  '中'.repeat(101),
  'x'.repeat(10_000),
];
const ID_BAD = [
  ...NOT_A_STRING,
  ...EMPTY_TEXT,
  ...CONTROL_AND_BROKEN_TEXT,
  '.',
  '..',
  '...',
  'a b',
  'a/b',
  // Joined, not written out: the self-containment lint reads a written `..` path as a reference.
  ['..', 'up'].join('/'),
  'a\\b',
  'é',
  '中',
  '%00',
  "a'b",
  'a;b',
  '<script>',
  'x'.repeat(65),
  'x'.repeat(8000),
];
const DATE_BAD = [
  ...NOT_A_STRING,
  ...EMPTY_TEXT,
  ...CONTROL_AND_BROKEN_TEXT,
  '1900-01-01',
  '1999-12-31',
  '2999-12-31',
  '2099-01-01',
  '2019-02-30',
  '2019-02-29',
  '2019-04-31',
  '2019-13-01',
  '2019-00-10',
  '2019-01-00',
  '2019-1-1',
  '20190301',
  '2019/03/01',
  '2019-03-01T00:00:00Z',
  ' 2019-03-01',
  '2019-03-01 ',
  '+02019-03-01',
  '２０１９-03-01',
  'yesterday',
];
// Wrong only for claims' dates: the shape, not the range (the bill-date rules are claims' own).
const SHAPE_DATE_BAD = DATE_BAD.filter(
  (d) => typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d) || /-02-3|-02-29|-04-31|-13-|-00/.test(d),
);
const YUAN_BAD = [
  ...NOT_A_STRING.filter((v) => v !== 0),
  0,
  220,
  ...EMPTY_TEXT,
  ...CONTROL_AND_BROKEN_TEXT,
  '-1',
  '-0.01',
  '220.001',
  '1e3',
  '0x10',
  ' 220',
  '220 ',
  '220.',
  '.5',
  'NaN',
  'Infinity',
  '1000000000.01',
  '99999999999999999999',
  '１２',
  '220,00',
  '00220',
  '¥220',
];
const ENUM_BAD = [
  ...NOT_A_STRING,
  ...EMPTY_TEXT,
  ...CONTROL_AND_BROKEN_TEXT,
  'atlantis',
  'ATLANTIS',
  'poor',
  'X',
  'x'.repeat(1000),
];
const LIST_BAD = [
  0,
  true,
  'POOR',
  {},
  { 0: 'POOR' },
  [null],
  [1],
  ['poor'],
  ['POOR', 'POOR'],
  ['POOR\u0000'],
  ['x'.repeat(1000)],
  [[]],
];
const ID_NUMBER_BAD = [
  ...NOT_A_STRING,
  ...EMPTY_TEXT,
  ...CONTROL_AND_BROKEN_TEXT,
  'abc',
  '152201680412001',
  '1522011968041287',
  '1522011968041287123',
  '152201196804128713',
  '152201196802308710',
  '152201299901018716',
  '15220118990101871X',
  `${HEAD_ID_NUMBER.slice(0, 17)}\u0000`,
  ` ${HEAD_ID_NUMBER}`,
  HEAD_ID_NUMBER.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
];
// A made-up card number (an unissued prefix, a valid Luhn digit), and ways to get one wrong.
const CARD_NUMBER = '9999000000000000012';
const CARD_NUMBER_BAD = [
  ...NOT_A_STRING,
  ...EMPTY_TEXT,
  ...CONTROL_AND_BROKEN_TEXT,
  '9999000000000000013',
  '9999000000000000021',
  '999900000000004',
  '999900000000000000004',
  '9999 0000 0000 0000 012',
  '9999-0000-0000-0000-012',
  ` ${CARD_NUMBER}`,
  `${CARD_NUMBER}\u0000`,
  CARD_NUMBER.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
  'x'.repeat(10_000),
];
const INTEGER_BAD = [null, true, '2020', 2020.5, -1, 0, 1999, 2101, 1e300, [], {}];
const UNKNOWN_KEYS = [
  'extra',
  'Region',
  'constructor',
  '__proto__',
  'toString',
  'a b',
  'ñ',
  'k\u0000',
  'x'.repeat(300),
];

// ---- cases ------------------------------------------------------------------------------

interface Case {
  name: string;
  service: keyof typeof urls;
  method: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** The field a `problems[]` entry must name (exactly, or as the start of a nested name). */
  field: string;
  status?: number;
}

type Body = Record<string, unknown>;
interface Endpoint {
  service: keyof typeof urls;
  /** POST unless said. */
  method?: string;
  path: string;
  valid: Body;
  fields: { path: string; bad: readonly unknown[]; required: boolean }[];
}

const clone = (v: Body): Body => JSON.parse(JSON.stringify(v));

function withField(body: Body, path: string, value: unknown | typeof REMOVE): Body {
  const out = clone(body);
  const keys = path.split('.');
  let at: Body = out;
  for (const k of keys.slice(0, -1)) at = at[k] as Body;
  const last = keys[keys.length - 1];
  if (value === REMOVE) delete at[last];
  else at[last] = value;
  return out;
}
const REMOVE = Symbol('remove');

const NEW_HOUSEHOLD = {
  householdId: 'bi-new',
  region: 'zhangwu',
  address: ADDRESS,
  registeredOn: '2020-03-01',
  categories: ['POOR'],
  head: {
    memberId: 'bi-new-01',
    name: '王五',
    idNumber: NEW_HEAD_ID_NUMBER,
    sex: 'MALE',
    birthDate: '1992-07-08',
    categories: [],
  },
};
const NEW_MEMBER = {
  memberId: 'bi-1-09',
  name: '赵六',
  idNumber: NEW_MEMBER_ID_NUMBER,
  relation: 'CHILD',
  sex: 'FEMALE',
  categories: ['LOW_INCOME'],
  addedOn: '2020-03-01',
};
const BILL = {
  claimId: 'bi-claim-1',
  memberId: 'bi-1-01',
  hospitalId: 'h-1',
  admissionDate: '2019-06-01',
  dischargeDate: '2019-06-05',
  visitType: 'INPATIENT',
  totalCost: '1000.00',
  eligibleCost: '800.00',
};

const ENDPOINTS: Endpoint[] = [
  {
    service: 'enrollment',
    path: '/households',
    valid: NEW_HOUSEHOLD,
    fields: [
      { path: 'householdId', bad: ID_BAD, required: false },
      { path: 'region', bad: ENUM_BAD, required: true },
      {
        path: 'address',
        bad: [...NOT_A_STRING.filter((v) => typeof v !== 'object' || Array.isArray(v)), 'x'],
        required: true,
      },
      ...['province', 'city', 'county', 'township', 'village'].map((f) => ({
        path: `address.${f}`,
        bad: TEXT_BAD,
        required: true,
      })),
      { path: 'registeredOn', bad: DATE_BAD, required: true },
      { path: 'categories', bad: LIST_BAD, required: true },
      { path: 'head', bad: [0, 'x', true, [], ['x']], required: true },
      { path: 'head.memberId', bad: ID_BAD, required: false },
      { path: 'head.name', bad: TEXT_BAD, required: true },
      { path: 'head.idNumber', bad: ID_NUMBER_BAD, required: true },
      { path: 'head.birthDate', bad: [...DATE_BAD, '1992-07-09'], required: false },
      { path: 'head.sex', bad: [...ENUM_BAD, 'FEMALE', 'male'], required: false },
      { path: 'head.categories', bad: LIST_BAD, required: false },
    ],
  },
  {
    service: 'enrollment',
    path: '/households/bi-1/members',
    valid: NEW_MEMBER,
    fields: [
      { path: 'memberId', bad: ID_BAD, required: false },
      { path: 'name', bad: TEXT_BAD, required: true },
      { path: 'idNumber', bad: [...ID_NUMBER_BAD, HEAD_ID_NUMBER.slice(0, 17) + '0'], required: true },
      { path: 'relation', bad: [...ENUM_BAD, 'COUSIN', 'child'], required: true },
      { path: 'sex', bad: [...ENUM_BAD, 'MALE'], required: false },
      { path: 'birthDate', bad: [...DATE_BAD, '2001-03-05'], required: false },
      { path: 'categories', bad: LIST_BAD, required: false },
      { path: 'addedOn', bad: DATE_BAD, required: false },
    ],
  },
  {
    service: 'enrollment',
    path: '/members/bi-1-01/insurance',
    valid: { year: 2020, premium: '250.00', premiumSubsidy: '180.50' },
    fields: [
      { path: 'year', bad: INTEGER_BAD, required: true },
      { path: 'premium', bad: [...YUAN_BAD.filter((v) => v !== 0), '1000000.00', '5000.01'], required: true },
      { path: 'premiumSubsidy', bad: [...YUAN_BAD, '250.01', '1000000.00'], required: true },
    ],
  },
  {
    service: 'enrollment',
    path: '/members/bi-1-01/diseases',
    valid: { kind: 'CHRONIC', diseaseCode: 'COPD', certifiedOn: '2019-06-01' },
    fields: [
      { path: 'kind', bad: [...ENUM_BAD, 'ACUTE', 'major'], required: true },
      { path: 'diseaseCode', bad: [...ID_BAD, 'NOT-A-DISEASE', 'copd', 'LEUKEMIA'], required: true },
      { path: 'certifiedOn', bad: DATE_BAD, required: true },
    ],
  },
  {
    service: 'enrollment',
    method: 'PUT',
    path: '/members/bi-1-01/bank-card',
    valid: { cardNumber: CARD_NUMBER, bankName: '中国农业银行乌兰浩特支行', holderName: '张三' },
    fields: [
      { path: 'cardNumber', bad: CARD_NUMBER_BAD, required: true },
      {
        path: 'bankName',
        bad: [...TEXT_BAD.filter((v) => v !== 'x'.repeat(101) && v !== '中'.repeat(101)), 'x'.repeat(51)],
        required: true,
      },
      { path: 'holderName', bad: TEXT_BAD, required: true },
    ],
  },
  {
    service: 'claims',
    path: '/bills',
    valid: BILL,
    fields: [
      { path: 'claimId', bad: ID_BAD, required: true },
      { path: 'memberId', bad: ID_BAD, required: true },
      { path: 'hospitalId', bad: ID_BAD, required: true },
      // Before 2000-01-01 is a typing error, refused at the edge; later rules are recorded refusals.
      { path: 'admissionDate', bad: [...SHAPE_DATE_BAD, '1900-01-01', '1999-12-31'], required: true },
      { path: 'dischargeDate', bad: [...SHAPE_DATE_BAD, '2019-05-31'], required: true },
      { path: 'visitType', bad: [...ENUM_BAD, 'OUTPATIENT'], required: true },
      { path: 'totalCost', bad: YUAN_BAD, required: true },
      { path: 'eligibleCost', bad: [...YUAN_BAD, '1000.01'], required: true },
    ],
  },
  ...['reject', 'cancel'].map((action): Endpoint => ({
    service: 'payout',
    path: `/payment-runs/MEDICAL_ASSISTANCE_FUND/2019-06/${action}`,
    valid: { reason: 'two bills are disputed' },
    fields: [
      {
        path: 'reason',
        bad: [...TEXT_BAD.filter((v) => typeof v !== 'string' || v.length !== 101), 'x'.repeat(501)],
        required: true,
      },
    ],
  })),
];

const show = (v: unknown) =>
  typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v) : JSON.stringify(v);

function bodyCases(): Case[] {
  const cases: Case[] = [];
  for (const e of ENDPOINTS) {
    const at = { service: e.service, method: e.method ?? 'POST', path: e.path };
    for (const f of e.fields) {
      if (f.required)
        cases.push({
          ...at,
          name: `${e.path} without ${f.path}`,
          body: JSON.stringify(withField(e.valid, f.path, REMOVE)),
          field: f.path,
        });
      if (f.required)
        cases.push({
          ...at,
          name: `${e.path} ${f.path}=null`,
          body: JSON.stringify(withField(e.valid, f.path, null)),
          field: f.path,
        });
      for (const v of f.bad) {
        if (v === null && !f.required) continue;
        cases.push({
          ...at,
          name: `${e.path} ${f.path}=${show(v)}`,
          body: JSON.stringify(withField(e.valid, f.path, v)),
          field: f.path,
        });
      }
    }
    const parents = ['', ...new Set(e.fields.filter((f) => f.path.includes('.')).map((f) => f.path.split('.')[0]))];
    for (const parent of parents) {
      for (const key of UNKNOWN_KEYS) {
        const body = clone(e.valid);
        const target = (parent ? body[parent] : body) as Body;
        // An own property even for __proto__, as JSON.parse makes it.
        Object.defineProperty(target, key, { value: 1, enumerable: true, writable: true, configurable: true });
        const plain = /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key);
        const field = plain ? (parent ? `${parent}.${key}` : key) : parent || 'body';
        cases.push({
          ...at,
          name: `${e.path} unknown field ${show(key)} in ${parent || 'body'}`,
          body: JSON.stringify(body),
          field,
        });
      }
    }
    for (const raw of RAW_BODIES) cases.push({ ...at, name: `${e.path} body ${show(raw)}`, body: raw, field: 'body' });
    // An empty body reads as `{}`: every required field is then named, the first among them.
    const firstRequired = e.fields.find((f) => f.required)!.path;
    cases.push({ ...at, name: `${e.path} empty body`, body: '', field: firstRequired });
    // A byte-order mark before the JSON is allowed (RFC 8259): `{}` after it, read as such.
    cases.push({ ...at, name: `${e.path} BOM then {}`, body: '\ufeff{}', field: firstRequired });
    cases.push({
      ...at,
      name: `${e.path} body of another type`,
      body: JSON.stringify(e.valid),
      headers: { 'content-type': 'text/plain' },
      field: 'body',
    });
    cases.push({ ...at, name: `${e.path} no body`, body: undefined, field: firstRequired });
    cases.push({
      ...at,
      name: `${e.path} body over the limit`,
      body: JSON.stringify({ ...e.valid, pad: 'x'.repeat(200_000) }),
      field: 'body',
      status: 413,
    });
    cases.push({
      ...at,
      name: `${e.path} body in UTF-16`,
      body: Buffer.from(JSON.stringify(e.valid), 'utf16le'),
      field: 'body',
    });
    for (const [header, value] of BAD_HEADERS) {
      cases.push({
        ...at,
        name: `${e.path} ${header}: ${show(value)}`,
        body: JSON.stringify(e.valid),
        headers: { [header]: value },
        field: header,
      });
    }
  }
  return cases;
}

const RAW_BODIES = [
  'null',
  'true',
  '1',
  '"x"',
  '[]',
  '[{}]',
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  'x152201198001150114',
  '{"idNumber": 152201198001150114}x',
  '\u0000',
  '{}\u0000',
  '['.repeat(5000),
  '{"a":'.repeat(3000),
  'undefined',
  'NaN',
];

const BAD_HEADERS: [string, string][] = [
  ['X-Correlation-Id', 'x'.repeat(8000)],
  ['X-Correlation-Id', 'x'.repeat(65)],
  ['X-Correlation-Id', 'a b'],
  ['X-Correlation-Id', '..'],
  ['X-Correlation-Id', 'a/b'],
  ['X-Correlation-Id', '<script>'],
  ['X-Correlation-Id', '"quoted"'],
  ['X-Causation-Id', 'x'.repeat(8000)],
  ['X-Causation-Id', 'a;b'],
  ['X-Causation-Id', '.'],
];

const BAD_PATH_IDS = [
  '..',
  '.',
  '%2E%2E',
  '%00',
  'a%00b',
  '%01',
  'a%0Ab',
  '%20',
  'a%20b',
  'a%2Fb',
  '%C3%A9',
  '%E4%B8%AD',
  '%27',
  '%FF',
  '%',
  'x'.repeat(65),
  'x'.repeat(4000),
];

function pathCases(): Case[] {
  const cases: Case[] = [];
  const templates: [keyof typeof urls, string, string, string, Body | undefined][] = [
    ['enrollment', 'GET', '/households/:id', 'householdId', undefined],
    ['enrollment', 'GET', '/members/:id', 'memberId', undefined],
    ['enrollment', 'POST', '/households/:id/members', 'householdId', NEW_MEMBER],
    [
      'enrollment',
      'POST',
      '/members/:id/insurance',
      'memberId',
      { year: 2020, premium: '250.00', premiumSubsidy: '180.50' },
    ],
    [
      'enrollment',
      'POST',
      '/members/:id/diseases',
      'memberId',
      { kind: 'CHRONIC', diseaseCode: 'COPD', certifiedOn: '2019-06-01' },
    ],
    ['enrollment', 'DELETE', '/members/:id/personal-data', 'memberId', undefined],
    [
      'enrollment',
      'PUT',
      '/members/:id/bank-card',
      'memberId',
      { cardNumber: CARD_NUMBER, bankName: '中国农业银行乌兰浩特支行', holderName: '张三' },
    ],
    ['claims', 'GET', '/claims/:id', 'claimId', undefined],
    ['claims', 'GET', '/members/:id/accumulators?year=2019', 'memberId', undefined],
    ['claims', 'GET', '/members/:id/eligibility?date=2019-06-05', 'memberId', undefined],
    ['payout', 'GET', '/households/:id/ledger?year=2019', 'householdId', undefined],
    ['payout', 'GET', '/claims/:id/payables', 'claimId', undefined],
    ['payout', 'GET', '/hospitals/:id/receivables?year=2019', 'hospitalId', undefined],
  ];
  for (const [service, method, template, field, body] of templates) {
    for (const id of BAD_PATH_IDS) {
      cases.push({
        service,
        method,
        path: template.replace(':id', id),
        name: `${method} ${template} with ${show(id)}`,
        body: body && JSON.stringify(body),
        // Broken percent-encoding fails before any route runs: it is the path that is named.
        field: id === '%FF' || id === '%' ? 'path' : field,
      });
    }
  }
  // A payment run is named by its fund and month, and prepare and approve take no field at all.
  const RUNS = '/payment-runs/MEDICAL_ASSISTANCE_FUND/2019-06';
  const runWrites: [string, Body][] = [
    ['', {}],
    ['/approve', {}],
    ['/reject', { reason: 'two bills are disputed' }],
    ['/cancel', { reason: 'two bills are disputed' }],
  ];
  const BAD_FUNDS = [...BAD_PATH_IDS, 'ATLANTIS', 'medical_assistance_fund', 'MEDICAL', 'HOSPITAL'];
  const BAD_MONTHS = [
    ...BAD_PATH_IDS,
    '2019-13',
    '2019-00',
    '2019-6',
    '201906',
    '2019-06-01',
    '1999-12',
    '2101-01',
    'June',
  ];
  for (const [action, body] of runWrites) {
    for (const fund of BAD_FUNDS)
      cases.push({
        service: 'payout',
        method: 'POST',
        path: `/payment-runs/${fund}/2019-06${action}`,
        name: `POST /payment-runs/:fund/:month${action} with fund ${show(fund)}`,
        body: JSON.stringify(body),
        field: fund === '%FF' || fund === '%' ? 'path' : 'fund',
      });
    for (const month of BAD_MONTHS)
      cases.push({
        service: 'payout',
        method: 'POST',
        path: `/payment-runs/MEDICAL_ASSISTANCE_FUND/${month}${action}`,
        name: `POST /payment-runs/:fund/:month${action} with month ${show(month)}`,
        body: JSON.stringify(body),
        field: month === '%FF' || month === '%' ? 'path' : 'month',
      });
  }
  for (const action of ['', '/approve']) {
    for (const key of UNKNOWN_KEYS) {
      const body: Body = {};
      Object.defineProperty(body, key, { value: 1, enumerable: true, writable: true, configurable: true });
      cases.push({
        service: 'payout',
        method: 'POST',
        path: RUNS + action,
        name: `POST ${RUNS}${action} unknown field ${show(key)}`,
        body: JSON.stringify(body),
        field: /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key) ? key : 'body',
      });
    }
    // The preparer and the approver are the token's subject: a body naming one is refused.
    for (const field of ['preparedBy', 'approvedBy'])
      cases.push({
        service: 'payout',
        method: 'POST',
        path: RUNS + action,
        name: `POST ${RUNS}${action} with ${field}`,
        body: JSON.stringify({ [field]: 'someone-else' }),
        field,
      });
    for (const raw of RAW_BODIES)
      cases.push({
        service: 'payout',
        method: 'POST',
        path: RUNS + action,
        name: `POST ${RUNS}${action} body ${show(raw)}`,
        body: raw,
        field: 'body',
      });
  }
  // The delete has no body, so its trace headers are its only other input.
  for (const [header, value] of BAD_HEADERS) {
    cases.push({
      service: 'enrollment',
      method: 'DELETE',
      path: '/members/bi-1-02/personal-data',
      name: `DELETE personal-data ${header}: ${show(value)}`,
      headers: { [header]: value },
      field: header,
    });
  }
  return cases;
}

// ---- what the services show ---------------------------------------------------------------

const READS: [keyof typeof urls, string][] = [
  ['enrollment', '/households/bi-1'],
  ['enrollment', '/members/bi-1-01'],
  ['enrollment', '/members/bi-1-02'],
  ['enrollment', '/households/bi-new'],
  ['enrollment', '/members/bi-new-01'],
  ['enrollment', '/members/bi-1-09'],
  ['claims', '/claims/bi-claim-1'],
  ['claims', '/members/bi-1-01/accumulators?year=2019'],
  ['claims', '/members/bi-1-01/eligibility?date=2019-06-05'],
  ['claims', '/members/bi-1-02/eligibility?date=2020-06-05'],
  ['payout', '/households/bi-1/ledger?year=2019'],
  ['payout', '/claims/bi-claim-1/payables'],
  ['payout', '/payment-runs/MEDICAL_ASSISTANCE_FUND/2019-06'],
];

async function snapshot(): Promise<string[]> {
  const out: string[] = [];
  for (const [service, path] of READS) {
    const r = await send(urls[service], 'GET', path);
    out.push(`${service} ${path} ${r.status} ${r.text}`);
  }
  return out;
}

async function dropSchemas(): Promise<void> {
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
  for (const s of Object.values(schemas)) await pool.query(`drop schema if exists ${s} cascade`);
  await pool.end();
}

beforeAll(async () => {
  const started = await startEmbedded(schemas);
  app = started.app;
  Object.assign(urls, started.urls);
  const post = async (path: string, body: unknown) => {
    const r = await send(urls.enrollment, 'POST', path, JSON.stringify(body));
    if (r.status !== 201) throw new Error(`setup ${path}: ${r.status} ${r.text}`);
    return r;
  };
  await post('/households', SETUP.household);
  await post('/households/bi-1/members', SETUP.member);
  await post('/members/bi-1-01/insurance', SETUP.insurance);
  await post('/members/bi-1-01/diseases', SETUP.disease);
  // Claims learns of the members over the bus; the corpus starts once it has.
  await waitFor(
    async () =>
      (await send(urls.claims, 'GET', '/members/bi-1-01/eligibility?date=2019-06-05')).text.includes(
        '"majorDisease":true',
      ),
    30_000,
  );
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await dropSchemas();
}, 60_000);

const CASES = [...bodyCases(), ...pathCases()];

describe('the bad-input corpus', () => {
  it('holds more than a thousand cases over every write endpoint', () => {
    expect(CASES.length).toBeGreaterThan(1000);
    const endpoints = new Set(
      CASES.map((c) => `${c.method} ${c.path.replace(/^\/(households|members)\/[^/]+/, '/$1/:id')}`),
    );
    for (const e of [
      'POST /households',
      'POST /households/:id/members',
      'POST /members/:id/insurance',
      'POST /members/:id/diseases',
      'DELETE /members/:id/personal-data',
      'PUT /members/:id/bank-card',
      'POST /bills',
      'POST /payment-runs/MEDICAL_ASSISTANCE_FUND/2019-06',
      'POST /payment-runs/MEDICAL_ASSISTANCE_FUND/2019-06/approve',
      'POST /payment-runs/MEDICAL_ASSISTANCE_FUND/2019-06/reject',
      'POST /payment-runs/MEDICAL_ASSISTANCE_FUND/2019-06/cancel',
    ])
      expect([e, endpoints.has(e)]).toEqual([e, true]);
  });

  it('answers every case 4xx naming the field, never 5xx, never echoing the input, and changes nothing', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const c of CASES) {
      const r = await send(urls[c.service], c.method, c.path, c.body, c.headers);
      const problems: { field: string }[] = Array.isArray(r.body?.problems) ? r.body.problems : [];
      const named = problems.some(
        (p) => p.field === c.field || p.field.startsWith(`${c.field}.`) || p.field.startsWith(`${c.field}[`),
      );
      const expected = c.status ?? 400;
      const echoes = typeof c.body === 'string' && c.body.length >= 12 && r.text.includes(c.body.slice(0, 40));
      if (r.status !== expected || !named || echoes) {
        wrong.push(`${c.name}: ${r.status} ${r.text.slice(0, 200)}${echoes ? ' (echoes the input)' : ''}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
    for (const line of app.output().split('\n')) expect(line).not.toMatch(/unhandled error/);
  }, 120_000);

  it('answers a wrong method 405 with Allow, and sends no X-Powered-By', async () => {
    for (const [service, method, path, allow] of [
      ['enrollment', 'PUT', '/households', 'POST'],
      ['enrollment', 'DELETE', '/households/bi-1', 'GET, HEAD'],
      ['enrollment', 'PATCH', '/members/bi-1-01', 'GET, HEAD'],
      ['enrollment', 'GET', '/members/bi-1-01/insurance', 'POST'],
      ['claims', 'GET', '/bills', 'POST'],
      ['claims', 'POST', '/claims/bi-claim-1', 'GET, HEAD'],
    ] as const) {
      const r = await send(urls[service], method, path, method === 'GET' ? undefined : '{}');
      expect([path, method, r.status, r.headers.allow]).toEqual([path, method, 405, allow]);
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
    expect((await send(urls.enrollment, 'GET', '/nowhere')).status).toBe(404);
  });

  it('answers a repeated command as the first time, and a different one under the same id 409, changing nothing', async () => {
    const before = await snapshot();
    const repeats: [string, unknown][] = [
      ['/households', SETUP.household],
      ['/households/bi-1/members', SETUP.member],
      ['/members/bi-1-01/insurance', SETUP.insurance],
      ['/members/bi-1-01/diseases', SETUP.disease],
    ];
    for (const [path, body] of repeats) {
      const r = await send(urls.enrollment, 'POST', path, JSON.stringify(body));
      expect([path, r.status]).toEqual([path, 201]);
    }
    const others: [string, unknown, string][] = [
      ['/households', { ...SETUP.household, region: 'zhangwu' }, 'HOUSEHOLD_ALREADY_REGISTERED'],
      ['/households', { ...SETUP.household, head: { ...SETUP.household.head, name: '别人' } }, 'MEMBER_ALREADY_EXISTS'],
      ['/households/bi-1/members', { ...SETUP.member, relation: 'CHILD' }, 'MEMBER_ALREADY_ADDED'],
      ['/households/bi-1/members', { ...SETUP.member, name: '别人' }, 'MEMBER_ALREADY_EXISTS'],
      ['/members/bi-1-01/insurance', { ...SETUP.insurance, premiumSubsidy: '220.00' }, 'ALREADY_INSURED'],
      ['/members/bi-1-01/diseases', { ...SETUP.disease, certifiedOn: '2019-05-11' }, 'DISEASE_ALREADY_CERTIFIED'],
    ];
    for (const [path, body, code] of others) {
      const r = await send(urls.enrollment, 'POST', path, JSON.stringify(body));
      expect([path, r.status, r.body.error]).toEqual([path, 409, code]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('shows no character of an ID number on a read', async () => {
    const shown = (await snapshot()).join('\n');
    for (const n of [HEAD_ID_NUMBER, MEMBER_ID_NUMBER]) {
      expect(shown).not.toContain(n.slice(0, 6));
      expect(shown).not.toContain(n.slice(-4));
    }
  });
});
