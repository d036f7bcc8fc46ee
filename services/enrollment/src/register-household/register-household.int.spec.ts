import { HTTP_STATUS_OF_REFUSAL, InputError, Refusal } from '@aid/platform';
import { createTestSchema, type TestSchema } from '@aid/testing';
import type { EnrollmentDeps } from '../shared/deps';
import { intDeps } from '../testing/int-deps';
import { freshIdNumber, registerHouseholdBody } from '../testing/request-bodies';
import { validIdNumber } from '../testing/valid-id-number';
import { registerHousehold } from './register-household.handler';

let db: TestSchema;
let deps: EnrollmentDeps;

beforeAll(async () => {
  db = await createTestSchema('enrollment_register', { max: 20 });
  deps = await intDeps(db.pool, db.schema);
}, 30_000);
afterAll(() => db.drop(), 30_000);

async function events(householdId: string) {
  const { rows } = await db.pool.query(
    `select event_type, data, metadata from ${db.schema}.events where stream_id = $1 order by stream_version`,
    [`household-${householdId}`],
  );
  return rows as { event_type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[];
}

async function personalDataOf(memberId: string) {
  const { rows } = await db.pool.query(
    `select name, id_number from ${db.schema}.member_personal_data where member_id = $1`,
    [memberId],
  );
  return rows as { name: string; id_number: string }[];
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; status: number }> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return { code: (error as Refusal).code, status: HTTP_STATUS_OF_REFUSAL[(error as Refusal).kind] };
}

describe('registering a household', () => {
  it('appends the household and its head, and stores name and ID number apart from the events', async () => {
    const idNumber = freshIdNumber();
    const { householdId, headMemberId } = await registerHousehold(
      deps,
      registerHouseholdBody({ householdId: 'reg-1' }, { memberId: 'reg-1-01', idNumber, name: '王五' }),
      {
        correlationId: 'corr-1',
        actor: {
          subject: 'xa-ca-wang',
          role: 'civil-affairs',
          agency: '兴安盟民政局',
          region: 'xingan-league',
          township: null,
          facility: null,
        },
      },
    );
    expect({ householdId, headMemberId }).toEqual({ householdId: 'reg-1', headMemberId: 'reg-1-01' });

    const stored = await events('reg-1');
    expect(stored.map((e) => e.event_type)).toEqual(['HouseholdRegistered', 'MemberAdded']);
    expect(stored[1].data).toEqual({
      householdId: 'reg-1',
      memberId: 'reg-1-01',
      relation: 'HEAD',
      birthDate: '1968-04-12',
      sex: 'MALE',
      categories: [],
      addedOn: '2019-03-01',
    });
    for (const e of stored) {
      expect(e.metadata).toEqual({
        partitionKey: 'reg-1',
        correlationId: 'corr-1',
        causationId: expect.any(String),
        // Who did it, from their token: the scope claims that only narrow access are not kept.
        actor: { subject: 'xa-ca-wang', role: 'civil-affairs', agency: '兴安盟民政局', region: 'xingan-league' },
        occurredAt: '2020-06-30T04:00:00.000Z',
      });
      expect(JSON.stringify(e)).not.toContain(idNumber);
      expect(JSON.stringify(e)).not.toContain('王五');
    }
    expect(await personalDataOf('reg-1-01')).toEqual([{ name: '王五', id_number: idNumber }]);
  });

  it('generates the household and member ids when the caller gives none', async () => {
    const { householdId, headMemberId } = await registerHousehold(deps, registerHouseholdBody());
    expect(householdId).toMatch(/^[0-9a-f-]{36}$/);
    expect(headMemberId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await events(householdId)).length).toBe(2);
  });

  it('refuses an ID number already registered (409) and leaves neither events nor personal data', async () => {
    const idNumber = freshIdNumber();
    await registerHousehold(deps, registerHouseholdBody({}, { idNumber }));
    expect(
      await refusal(
        registerHousehold(
          deps,
          registerHouseholdBody({ householdId: 'reg-dup' }, { memberId: 'reg-dup-01', idNumber }),
        ),
      ),
    ).toEqual({
      code: 'ID_NUMBER_ALREADY_REGISTERED',
      status: 409,
    });
    expect(await events('reg-dup')).toEqual([]);
    expect(await personalDataOf('reg-dup-01')).toEqual([]);
  });

  it('takes a lower-case check x, stores it upper-case, and keeps one member per number whatever its case', async () => {
    const withX = [...Array(500)]
      .map((_, sequence) => validIdNumber({ regionCode: '152202', birthDate: '1976-01-01', sequence, sex: 'MALE' }))
      .find((n) => n.endsWith('X'))!;
    await registerHousehold(
      deps,
      registerHouseholdBody({ householdId: 'reg-x' }, { idNumber: withX.toLowerCase(), memberId: 'reg-x-01' }),
    );
    expect(await personalDataOf('reg-x-01')).toEqual([{ name: '张三', id_number: withX }]);
    expect(await refusal(registerHousehold(deps, registerHouseholdBody({}, { idNumber: withX })))).toEqual({
      code: 'ID_NUMBER_ALREADY_REGISTERED',
      status: 409,
    });
  });

  it('refuses a household id already registered (409), and a member id already taken (409)', async () => {
    await registerHousehold(deps, registerHouseholdBody({ householdId: 'reg-twice' }, { memberId: 'reg-twice-01' }));
    expect(await refusal(registerHousehold(deps, registerHouseholdBody({ householdId: 'reg-twice' })))).toEqual({
      code: 'HOUSEHOLD_ALREADY_REGISTERED',
      status: 409,
    });
    expect(
      await refusal(
        registerHousehold(deps, registerHouseholdBody({ householdId: 'reg-other' }, { memberId: 'reg-twice-01' })),
      ),
    ).toEqual({
      code: 'MEMBER_ALREADY_EXISTS',
      status: 409,
    });
    expect(await events('reg-other')).toEqual([]);
  });

  it('refuses bad input before anything is written, naming every field', async () => {
    const error = await registerHousehold(deps, {
      householdId: 'reg-bad',
      region: 'xingan-league',
      head: { idNumber: '152201850312001' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => p.field)).toEqual([
      'address',
      'registeredOn',
      'categories',
      'head.name',
      'head.idNumber',
    ]);
    expect(await events('reg-bad')).toEqual([]);
  });

  it('writes nothing when the transaction fails after the append: no events, no personal data', async () => {
    const failing: EnrollmentDeps = {
      ...deps,
      store: {
        schema: deps.store.schema,
        pool: deps.store.pool,
        readStream: (...args) => deps.store.readStream(...args),
        readStreamWith: (...args) => deps.store.readStreamWith(...args),
        appendWith: async (...args) => {
          await deps.store.appendWith(...args);
          throw new Error('connection lost after the append');
        },
      },
    };
    await expect(
      registerHousehold(failing, registerHouseholdBody({ householdId: 'reg-crash' }, { memberId: 'reg-crash-01' })),
    ).rejects.toThrow('connection lost after the append');
    expect(await events('reg-crash')).toEqual([]);
    expect(await personalDataOf('reg-crash-01')).toEqual([]);
  });

  it('lets exactly one of many concurrent registrations of one ID number win', async () => {
    const idNumber = freshIdNumber('1980-08-08', 'FEMALE');
    const attempts = [...Array(8)].map((_, i) =>
      registerHousehold(
        deps,
        registerHouseholdBody({ householdId: `race-${i}` }, { memberId: `race-${i}-01`, idNumber }),
      ).then(
        () => 'won',
        (e: unknown) => (e instanceof Refusal ? `${HTTP_STATUS_OF_REFUSAL[e.kind]} ${e.code}` : String(e)),
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'won')).toEqual(Array(7).fill('409 ID_NUMBER_ALREADY_REGISTERED'));
    const { rows } = await db.pool.query(
      `select count(*)::int as n from ${db.schema}.events where stream_id like 'household-race-%' and event_type = 'HouseholdRegistered'`,
    );
    expect(rows[0].n).toBe(1);
    const stored = await db.pool.query(
      `select count(*)::int as n from ${db.schema}.member_personal_data where id_number = $1`,
      [idNumber],
    );
    expect(stored.rows[0].n).toBe(1);
  });

  it('lets exactly one of concurrent registrations of one household id win', async () => {
    const outcomes = await Promise.all(
      [...Array(5)].map(() =>
        registerHousehold(deps, registerHouseholdBody({ householdId: 'same-hh' })).then(
          () => 'won',
          (e: unknown) => (e instanceof Refusal ? `${HTTP_STATUS_OF_REFUSAL[e.kind]} ${e.code}` : String(e)),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'won')).toEqual(Array(4).fill('409 HOUSEHOLD_ALREADY_REGISTERED'));
    expect((await events('same-hh')).map((e) => e.event_type)).toEqual(['HouseholdRegistered', 'MemberAdded']);
  });
});
