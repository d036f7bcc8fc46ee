import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { TOPIC_NAMES, type EventEnvelope } from '@aid/contracts';
import { KafkaMessageBus, type Subscription } from '@aid/messaging';
import { agencyBearer, startService, testDatabaseUrl, waitFor, type RunningProcess } from '@aid/testing';
import { freshCardNumber } from './testing/request-bodies';
import { validIdNumber } from './testing/valid-id-number';

/**
 * The enrollment service as it ships: built with scripts/build.mjs, started as its own
 * process on PostgreSQL and Kafka, driven over HTTP and watched on its topic, as an agency
 * would (never through its tables).
 */
const schema = `t_enrollment_e2e_${randomBytes(4).toString('hex')}`;
// This run's topics and groups, under a prefix of their own on the shared broker.
const topicPrefix = `e2e-enr-${randomBytes(3).toString('hex')}.`;
let service: RunningProcess;
let baseUrl: string;
let bus: KafkaMessageBus;
let subscription: Subscription;
const published: EventEnvelope[] = [];

// The build comes from the test setup (dist/ is built once per run).
beforeAll(async () => {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: the e2e tier needs the broker of the global setup');
  service = await startService('enrollment', {
    DATABASE_URL: testDatabaseUrl(),
    ENROLLMENT_SCHEMA: schema,
    KAFKA_BROKERS: brokers,
    AID_LEDGER_TOPIC_PREFIX: topicPrefix,
    PORT: undefined,
  });
  baseUrl = service.url;
  bus = new KafkaMessageBus({ brokers: brokers.split(','), clientId: 'enrollment-e2e', logLevel: 'nothing' });
  subscription = await bus.subscribe({
    groupId: `${topicPrefix}agency`,
    topics: [topicPrefix + TOPIC_NAMES.enrollment],
    fromBeginning: true,
    handler: async (message) => {
      published.push(message);
    },
  });
}, 120_000);

afterAll(async () => {
  await subscription?.close();
  await bus?.close();
  await service?.stop();
  // The schema the service ran in is the test's to drop; its contents are not the test's to read.
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
  await pool.query(`drop schema if exists ${schema} cascade`);
  await pool.end();
}, 60_000);

const publishedFor = (householdId: string) => published.filter((m) => m.partitionKey === householdId);

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function http(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(baseUrl + url, {
    method,
    headers: { 'content-type': 'application/json', ...agencyBearer('enrollment', method), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const fields = (a: Answer): string[] => (a.body.problems as { field: string }[]).map((p) => p.field);

let sequence = 0;
const idNumber = (birthDate = '1968-04-12', sex: 'MALE' | 'FEMALE' = 'MALE') =>
  validIdNumber({ regionCode: '152223', birthDate, sequence: sequence++, sex });

const ADDRESS = {
  province: '内蒙古自治区',
  city: '兴安盟',
  county: '扎赉特旗',
  township: '音德尔镇',
  village: '示例村',
};
const household = (
  householdId: string | undefined,
  head: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  ...(householdId ? { householdId } : {}),
  region: 'xingan-league',
  address: ADDRESS,
  registeredOn: '2019-03-01',
  categories: ['POOR'],
  head,
  ...extra,
});

const usedIdNumbers: string[] = [];
const remember = (n: string) => (usedIdNumbers.push(n), n);

describe('enrollment over HTTP', () => {
  const headId = remember(idNumber('1968-04-12', 'MALE'));
  const spouseId = remember(idNumber('1971-09-03', 'FEMALE'));

  it('registers a household, adds a member, enrolls and certifies, and answers queries', async () => {
    const registered = await http(
      'POST',
      '/households',
      household('e2e-h1', {
        memberId: 'e2e-h1-01',
        name: '张三',
        idNumber: headId,
        sex: 'MALE',
        birthDate: '1968-04-12',
      }),
      {
        'X-Correlation-Id': 'county-import-42',
      },
    );
    expect(registered).toEqual({ status: 201, body: { householdId: 'e2e-h1', headMemberId: 'e2e-h1-01' } });

    const added = await http('POST', '/households/e2e-h1/members', {
      name: '李四',
      idNumber: spouseId,
      relation: 'SPOUSE',
      categories: ['LOW_INCOME'],
      addedOn: '2019-03-01',
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ householdId: 'e2e-h1', memberId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const spouseMemberId = added.body.memberId as string;

    expect(
      await http('POST', '/members/e2e-h1-01/insurance', { year: 2019, premium: '220', premiumSubsidy: '220.00' }),
    ).toEqual({
      status: 201,
      body: { householdId: 'e2e-h1', memberId: 'e2e-h1-01', year: 2019, premium: '220.00', premiumSubsidy: '220.00' },
    });
    expect(
      (
        await http('POST', `/members/${spouseMemberId}/insurance`, {
          year: 2019,
          premium: '220.00',
          premiumSubsidy: '150.5',
        })
      ).status,
    ).toBe(201);
    expect(
      await http('POST', '/members/e2e-h1-01/diseases', {
        kind: 'MAJOR',
        diseaseCode: 'LEUKEMIA',
        certifiedOn: '2019-05-10',
      }),
    ).toEqual({
      status: 201,
      body: {
        householdId: 'e2e-h1',
        memberId: 'e2e-h1-01',
        kind: 'MAJOR',
        diseaseCode: 'LEUKEMIA',
        certifiedOn: '2019-05-10',
      },
    });

    const h = await http('GET', '/households/e2e-h1');
    expect(h.status).toBe(200);
    expect(h.body).toEqual({
      householdId: 'e2e-h1',
      region: 'xingan-league',
      address: ADDRESS,
      registeredOn: '2019-03-01',
      categories: ['POOR'],
      members: [
        {
          memberId: 'e2e-h1-01',
          householdId: 'e2e-h1',
          relation: 'HEAD',
          name: '张三',
          personalData: { status: 'HELD' },
          bankCard: { status: 'NONE' },
          birthDate: '1968-04-12',
          sex: 'MALE',
          categories: [],
          effectiveCategories: ['POOR'],
          addedOn: '2019-03-01',
          insurance: [{ year: 2019, premium: '220.00', premiumSubsidy: '220.00', selfPaid: '0.00' }],
          diseases: [{ kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-05-10' }],
        },
        {
          memberId: spouseMemberId,
          householdId: 'e2e-h1',
          relation: 'SPOUSE',
          name: '李四',
          personalData: { status: 'HELD' },
          bankCard: { status: 'NONE' },
          birthDate: '1971-09-03',
          sex: 'FEMALE',
          categories: ['LOW_INCOME'],
          effectiveCategories: ['POOR', 'LOW_INCOME'],
          addedOn: '2019-03-01',
          insurance: [{ year: 2019, premium: '220.00', premiumSubsidy: '150.50', selfPaid: '69.50' }],
          diseases: [],
        },
      ],
    });

    const m = await http('GET', `/members/${spouseMemberId}`);
    expect(m.status).toBe(200);
    expect(m.body).toEqual({ ...h.body.members[1], region: 'xingan-league' });
  });

  it('publishes each fact on aid.enrollment.v1, in order, keyed by household, and no personal data', async () => {
    await waitFor(() => publishedFor('e2e-h1').length >= 6, 60_000, {
      message: () => `six messages for e2e-h1 on the topic; got ${publishedFor('e2e-h1').map((m) => m.type)}`,
    });
    const messages = publishedFor('e2e-h1');
    expect(messages.map((m) => m.type)).toEqual([
      'HouseholdRegistered',
      'MemberAdded',
      'MemberAdded',
      'MemberInsured',
      'MemberInsured',
      'DiseaseCertified',
    ]);
    for (const m of messages) {
      expect(m).toMatchObject({
        partitionKey: 'e2e-h1',
        correlationId: expect.any(String),
        causationId: expect.any(String),
        occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        data: expect.objectContaining({ householdId: 'e2e-h1' }),
      });
      for (const secret of [headId, spouseId, '张三', '李四']) expect(JSON.stringify(m)).not.toContain(secret);
    }
    expect(messages[0].correlationId).toBe('county-import-42');
    expect(messages.map((m) => m.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('generates ids when none are given', async () => {
    const r = await http('POST', '/households', household(undefined, { name: '王五', idNumber: remember(idNumber()) }));
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      householdId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      headMemberId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect((await http('GET', `/households/${r.body.householdId}`)).body.members[0].name).toBe('王五');
  });

  describe('bad input: 400 naming each bad field', () => {
    it('POST /households', async () => {
      const r = await http('POST', '/households', {
        householdId: 'has spaces',
        region: 'Xing An',
        address: { province: '内蒙古自治区', city: '', county: 'x', township: 'y', street: 'z' },
        registeredOn: '2019-02-30',
        categories: ['POOR', 'RICH'],
        head: { name: '张三', idNumber: '152223680412001', extra: true },
        colour: 'red',
      });
      expect(r.status).toBe(400);
      expect(fields(r)).toEqual([
        'colour',
        'householdId',
        'region',
        'address.street',
        'address.city',
        'address.village',
        'registeredOn',
        'categories[1]',
        'head.extra',
        'head.idNumber',
      ]);
      expect(r.body.problems.find((p: { field: string }) => p.field === 'head.idNumber').message).toContain('15-digit');
    });

    it('POST /households with a wrong check digit, and birth date or sex that disagree with the number', async () => {
      const good = idNumber('1980-01-01', 'MALE');
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const r1 = await http('POST', '/households', household('e2e-bad', { name: '甲', idNumber: bad }));
      expect(r1.status).toBe(400);
      expect(fields(r1)).toEqual(['head.idNumber']);
      expect(r1.body.problems[0].message).toBe('has a wrong check digit (ISO 7064 MOD 11-2)');
      const r2 = await http(
        'POST',
        '/households',
        household('e2e-bad', { name: '甲', idNumber: good, birthDate: '1980-01-02', sex: 'FEMALE' }),
      );
      expect(r2.status).toBe(400);
      expect(fields(r2)).toEqual(['head.birthDate', 'head.sex']);
      expect(JSON.stringify(r1.body) + JSON.stringify(r2.body)).not.toContain(good.slice(0, 17));
    });

    it('a body that is not JSON, not an object, or missing', async () => {
      expect((await http('POST', '/households', '{"region": ')).status).toBe(400);
      const arr = await http('POST', '/households', []);
      expect(arr.status).toBe(400);
      expect(fields(arr)).toContain('body');
      const empty = await http('POST', '/households');
      expect(empty.status).toBe(400);
      expect(fields(empty)).toEqual(['region', 'address', 'registeredOn', 'categories', 'head']);
    });

    it('a malformed correlation header', async () => {
      const r = await http('POST', '/households', household('e2e-hdr', { name: '甲', idNumber: idNumber() }), {
        'X-Correlation-Id': 'not ok!',
      });
      expect(r.status).toBe(400);
      expect(fields(r)).toEqual(['X-Correlation-Id']);
    });

    it('POST /households/:householdId/members', async () => {
      const r = await http('POST', '/households/e2e-h1/members', {
        name: '',
        idNumber: 'abc',
        relation: 'COUSIN',
        addedOn: '2019-13-01',
        categories: 'POOR',
        nickname: 'x',
      });
      expect(r.status).toBe(400);
      expect(fields(r)).toEqual(['nickname', 'name', 'idNumber', 'relation', 'categories', 'addedOn']);
    });

    it('POST /members/:memberId/insurance', async () => {
      const r = await http('POST', '/members/e2e-h1-01/insurance', {
        year: 1999,
        premium: 220,
        premiumSubsidy: '1.005',
        plan: 'gold',
      });
      expect(r.status).toBe(400);
      expect(fields(r)).toEqual(['plan', 'year', 'premium', 'premiumSubsidy']);
      const over = await http('POST', '/members/e2e-h1-01/insurance', {
        year: 2020,
        premium: '100',
        premiumSubsidy: '100.01',
      });
      expect(over.status).toBe(400);
      expect(fields(over)).toEqual(['premiumSubsidy']);
    });

    it('POST /members/:memberId/diseases', async () => {
      const r = await http('POST', '/members/e2e-h1-01/diseases', {
        kind: 'ACUTE',
        diseaseCode: 'bad code',
        certifiedOn: 'yesterday',
        doctor: 'x',
      });
      expect(r.status).toBe(400);
      expect(fields(r)).toEqual(['doctor', 'kind', 'diseaseCode', 'certifiedOn']);
    });

    it('malformed ids in the path', async () => {
      const long = 'x'.repeat(65);
      for (const [method, url, field] of [
        ['GET', `/households/${long}`, 'householdId'],
        ['GET', `/members/${long}`, 'memberId'],
        ['POST', `/households/${long}/members`, 'householdId'],
        ['POST', `/members/${long}/insurance`, 'memberId'],
        ['POST', `/members/${long}/diseases`, 'memberId'],
        ['DELETE', `/members/${long}/personal-data`, 'memberId'],
      ]) {
        const r = await http(method, url, method === 'POST' ? {} : undefined);
        expect([url, r.status, fields(r)]).toEqual([url, 400, [field]]);
      }
    });
  });

  describe('unknown ids: 404', () => {
    it.each([
      ['GET', '/households/nope', undefined, 'HOUSEHOLD_NOT_FOUND'],
      ['GET', '/members/nope', undefined, 'MEMBER_NOT_FOUND'],
      ['POST', '/households/nope/members', 'member', 'HOUSEHOLD_NOT_FOUND'],
      ['POST', '/members/nope/insurance', { year: 2019, premium: '220', premiumSubsidy: '220' }, 'MEMBER_NOT_FOUND'],
      [
        'POST',
        '/members/nope/diseases',
        { kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-05-10' },
        'MEMBER_NOT_FOUND',
      ],
      ['DELETE', '/members/nope/personal-data', undefined, 'MEMBER_NOT_FOUND'],
    ])('%s %s', async (method, url, body, code) => {
      const payload = body === 'member' ? { name: '丙', idNumber: idNumber(), relation: 'CHILD' } : body;
      const r = await http(method, url, payload);
      expect(r.status).toBe(404);
      expect(r.body.error).toBe(code);
    });
  });

  describe('repeats: the same request again answers as the first and records nothing', () => {
    it('register-household, add-member, insure-member, certify-disease', async () => {
      const reg = household('e2e-rep', { memberId: 'e2e-rep-01', name: '复', idNumber: remember(idNumber()) });
      const member = {
        memberId: 'e2e-rep-02',
        name: '复二',
        idNumber: remember(idNumber('1990-01-01')),
        relation: 'CHILD',
        addedOn: '2019-03-01',
      };
      const steps: [string, unknown][] = [
        ['/households', reg],
        ['/households/e2e-rep/members', member],
        ['/members/e2e-rep-01/insurance', { year: 2019, premium: '220', premiumSubsidy: '200' }],
        ['/members/e2e-rep-01/diseases', { kind: 'CHRONIC', diseaseCode: 'DIABETES', certifiedOn: '2019-05-10' }],
      ];
      const first = [];
      for (const [url, body] of steps) first.push(await http('POST', url, body));
      const view = await http('GET', '/households/e2e-rep');
      await waitFor(() => publishedFor('e2e-rep').length === 5, 60_000);
      for (const [i, [url, body]] of steps.entries()) {
        const again = await http('POST', url, body);
        expect([url, again.status, again.body]).toEqual([url, first[i].status, first[i].body]);
      }
      expect(await http('GET', '/households/e2e-rep')).toEqual(view);
      const other = await http('POST', '/households', { ...reg, registeredOn: '2019-03-02' });
      expect([other.status, other.body.error]).toEqual([409, 'HOUSEHOLD_ALREADY_REGISTERED']);
      const otherPerson = await http('POST', '/households/e2e-rep/members', { ...member, name: '别人' });
      expect([otherPerson.status, otherPerson.body.error]).toEqual([409, 'MEMBER_ALREADY_EXISTS']);
      expect(publishedFor('e2e-rep')).toHaveLength(5);
    });
  });

  describe('duplicates: 409', () => {
    it('the same ID number again, in another household or the same', async () => {
      const r1 = await http('POST', '/households', household('e2e-dup', { name: '甲', idNumber: headId }));
      expect([r1.status, r1.body.error]).toEqual([409, 'ID_NUMBER_ALREADY_REGISTERED']);
      expect((await http('GET', '/households/e2e-dup')).status).toBe(404);
      const r2 = await http('POST', '/households/e2e-h1/members', {
        name: '甲',
        idNumber: spouseId,
        relation: 'OTHER',
      });
      expect([r2.status, r2.body.error]).toEqual([409, 'ID_NUMBER_ALREADY_REGISTERED']);
      expect(JSON.stringify(r1.body) + JSON.stringify(r2.body)).not.toContain(headId);
    });

    it('a household id or member id already registered', async () => {
      const r1 = await http('POST', '/households', household('e2e-h1', { name: '甲', idNumber: idNumber() }));
      expect([r1.status, r1.body.error]).toEqual([409, 'HOUSEHOLD_ALREADY_REGISTERED']);
      const r2 = await http('POST', '/households/e2e-h1/members', {
        memberId: 'e2e-h1-01',
        name: '甲',
        idNumber: idNumber(),
        relation: 'OTHER',
      });
      expect([r2.status, r2.body.error]).toEqual([409, 'MEMBER_ALREADY_ADDED']);
    });

    it('insurance for a year already insured, a disease already certified, a second head', async () => {
      const r1 = await http('POST', '/members/e2e-h1-01/insurance', {
        year: 2019,
        premium: '220',
        premiumSubsidy: '200',
      });
      expect([r1.status, r1.body.error]).toEqual([409, 'ALREADY_INSURED']);
      const r2 = await http('POST', '/members/e2e-h1-01/diseases', {
        kind: 'MAJOR',
        diseaseCode: 'LEUKEMIA',
        certifiedOn: '2019-06-01',
      });
      expect([r2.status, r2.body.error]).toEqual([409, 'DISEASE_ALREADY_CERTIFIED']);
      const r3 = await http('POST', '/households/e2e-h1/members', {
        name: '甲',
        idNumber: idNumber(),
        relation: 'HEAD',
      });
      expect([r3.status, r3.body.error]).toEqual([409, 'HEAD_ALREADY_REGISTERED']);
    });
  });

  describe('rule refusals: 422', () => {
    it.each([
      [
        'INSURANCE_YEAR_BEFORE_REGISTRATION',
        'POST',
        '/members/e2e-h1-01/insurance',
        { year: 2018, premium: '220', premiumSubsidy: '220' },
      ],
      [
        'INSURANCE_YEAR_TOO_FAR_AHEAD',
        'POST',
        '/members/e2e-h1-01/insurance',
        { year: 2100, premium: '220', premiumSubsidy: '220' },
      ],
      [
        'CERTIFIED_BEFORE_REGISTRATION',
        'POST',
        '/members/e2e-h1-01/diseases',
        { kind: 'CHRONIC', diseaseCode: 'DIABETES', certifiedOn: '2019-02-28' },
      ],
      ['ADDED_BEFORE_REGISTRATION', 'POST', '/households/e2e-h1/members', 'member-early'],
    ])('%s from %s %s', async (code, method, url, body) => {
      const payload =
        body === 'member-early' ? { name: '丁', idNumber: idNumber(), relation: 'CHILD', addedOn: '2019-01-01' } : body;
      const r = await http(method, url, payload);
      expect([r.status, r.body.error]).toEqual([422, code]);
    });

    it('a date after today is bad input, named', async () => {
      const r = await http(
        'POST',
        '/households',
        household('e2e-future', { name: '戊', idNumber: idNumber() }, { registeredOn: '2099-01-01' }),
      );
      expect([r.status, fields(r)]).toEqual([400, ['registeredOn']]);
    });
  });

  it('puts a bank card on file: shown masked, a repeat changes nothing, a bad number is 400 without echo', async () => {
    const cardNumber = freshCardNumber();
    const body = { cardNumber, bankName: '中国农业银行扎赉特旗支行', holderName: '张三' };
    const put = await http('PUT', '/members/e2e-h1-01/bank-card', body);
    expect(put).toEqual({
      status: 200,
      body: {
        householdId: 'e2e-h1',
        memberId: 'e2e-h1-01',
        bankCard: {
          status: 'ON_FILE',
          cardReference: expect.any(String),
          bankName: '中国农业银行扎赉特旗支行',
          masked: `•••• ${cardNumber.slice(-4)}`,
          onFileSince: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        },
      },
    });
    expect(await http('PUT', '/members/e2e-h1-01/bank-card', body)).toEqual(put);
    const m = await http('GET', '/members/e2e-h1-01');
    expect(m.body.bankCard).toEqual(put.body.bankCard);
    expect(JSON.stringify(m.body)).not.toContain(cardNumber.slice(0, 8));

    const wrongDigit = cardNumber.slice(0, -1) + String((Number(cardNumber.at(-1)) + 1) % 10);
    const bad = await http('PUT', '/members/e2e-h1-01/bank-card', { ...body, cardNumber: wrongDigit });
    expect([bad.status, fields(bad)]).toEqual([400, ['cardNumber']]);
    expect(JSON.stringify(bad.body)).not.toContain(wrongDigit.slice(-4));
    expect((await http('GET', '/members/e2e-h1-01')).body.bankCard).toEqual(put.body.bankCard);
  });

  it('forgets a person: 204, the member stays without name or ID number, the facts stay', async () => {
    expect((await http('DELETE', '/members/e2e-h1-01/personal-data')).status).toBe(204);
    expect((await http('DELETE', '/members/e2e-h1-01/personal-data')).status).toBe(204);
    const m = await http('GET', '/members/e2e-h1-01');
    expect(m.body).toMatchObject({
      memberId: 'e2e-h1-01',
      name: null,
      personalData: { status: 'ERASED' },
      bankCard: { status: 'ERASED' },
      insurance: [{ year: 2019, premium: '220.00', premiumSubsidy: '220.00', selfPaid: '0.00' }],
      diseases: [{ kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-05-10' }],
    });
    const h = await http('GET', '/households/e2e-h1');
    expect(h.body.members[0]).toMatchObject({ memberId: 'e2e-h1-01', name: null });
  });

  it('serves OpenAPI at /docs/json with every endpoint, its body schema and an example', async () => {
    const doc = await http('GET', '/docs/json');
    expect(doc.status).toBe(200);
    const paths = doc.body.paths as Record<
      string,
      Record<
        string,
        { requestBody?: { content: Record<string, { schema: { example?: unknown; properties?: object } }> } }
      >
    >;
    const operations = Object.entries(paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /households',
        'POST /households/{householdId}/members',
        'POST /members/{memberId}/insurance',
        'POST /members/{memberId}/diseases',
        'GET /households/{householdId}',
        'GET /members/{memberId}',
        'DELETE /members/{memberId}/personal-data',
        'PUT /members/{memberId}/bank-card',
      ]),
    );
    for (const [p, method] of [
      ['/households', 'post'],
      ['/households/{householdId}/members', 'post'],
      ['/members/{memberId}/insurance', 'post'],
      ['/members/{memberId}/diseases', 'post'],
      ['/members/{memberId}/bank-card', 'put'],
    ]) {
      const schema = paths[p][method].requestBody!.content['application/json'].schema;
      expect([p, typeof schema.example, typeof schema.properties]).toEqual([p, 'object', 'object']);
    }
  });

  it('never wrote an ID number to its output', () => {
    expect(usedIdNumbers.length).toBeGreaterThan(0);
    for (const n of usedIdNumbers) expect(service.output()).not.toContain(n);
    expect(service.output()).not.toMatch(/\d{17}[\dX]/);
  });
});
