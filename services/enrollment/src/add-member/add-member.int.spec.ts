import { HTTP_STATUS_OF_REFUSAL, Refusal } from '@aid/platform';
import { createTestSchema, type TestSchema } from '@aid/testing';
import { getHousehold } from '../household-view/household-queries';
import { registerHousehold } from '../register-household/register-household.handler';
import type { EnrollmentDeps } from '../shared/deps';
import { intDeps } from '../testing/int-deps';
import { addMemberBody, freshIdNumber, registerHouseholdBody } from '../testing/request-bodies';
import { addMember } from './add-member.handler';

let db: TestSchema;
let deps: EnrollmentDeps;

beforeAll(async () => {
  db = await createTestSchema('enrollment_add_member', { max: 20 });
  deps = await intDeps(db.pool, db.schema);
  await registerHousehold(deps, registerHouseholdBody({ householdId: 'hh-a' }, { memberId: 'hh-a-01' }));
  await registerHousehold(deps, registerHouseholdBody({ householdId: 'hh-b' }, { memberId: 'hh-b-01' }));
}, 30_000);
afterAll(() => db.drop(), 30_000);

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'added',
    (e: unknown) => (e instanceof Refusal ? `${HTTP_STATUS_OF_REFUSAL[e.kind]} ${e.code}` : String(e)),
  );

describe('adding a member', () => {
  it('appends MemberAdded and stores the personal data in the same transaction', async () => {
    const idNumber = freshIdNumber('2008-11-20', 'FEMALE');
    const result = await addMember(
      deps,
      'hh-a',
      addMemberBody({ memberId: 'hh-a-02', idNumber, relation: 'CHILD', name: '张小花', categories: ['LOW_INCOME'] }),
    );
    expect(result).toEqual({ householdId: 'hh-a', memberId: 'hh-a-02' });
    const view = await getHousehold(deps, 'hh-a');
    expect(view.members.find((m) => m.memberId === 'hh-a-02')).toMatchObject({
      name: '张小花',
      birthDate: '2008-11-20',
      sex: 'FEMALE',
      relation: 'CHILD',
      categories: ['LOW_INCOME'],
      effectiveCategories: ['POOR', 'LOW_INCOME'],
    });
  });

  it('refuses an ID number already registered in another household, writing nothing', async () => {
    const idNumber = freshIdNumber();
    await addMember(deps, 'hh-a', addMemberBody({ idNumber }));
    expect(await outcome(addMember(deps, 'hh-b', addMemberBody({ memberId: 'hh-b-dup', idNumber })))).toBe(
      '409 ID_NUMBER_ALREADY_REGISTERED',
    );
    const { rows } = await db.pool.query(
      `select count(*)::int as n from ${db.schema}.events where data->>'memberId' = 'hh-b-dup'`,
    );
    expect(rows[0].n).toBe(0);
    const lookup = await db.pool.query(`select 1 from ${db.schema}.member_households where member_id = 'hh-b-dup'`);
    expect(lookup.rowCount).toBe(0);
  });

  it('refuses an unknown household (404), and a second head (409)', async () => {
    expect(await outcome(addMember(deps, 'hh-none', addMemberBody()))).toBe('404 HOUSEHOLD_NOT_FOUND');
    expect(await outcome(addMember(deps, 'hh-a', addMemberBody({ relation: 'HEAD' })))).toBe(
      '409 HEAD_ALREADY_REGISTERED',
    );
  });

  it('adds members concurrently to one household: each is decided again on the newer version', async () => {
    const outcomes = await Promise.all(
      [...Array(6)].map((_, i) =>
        outcome(addMember(deps, 'hh-b', addMemberBody({ memberId: `hh-b-c${i}`, relation: 'OTHER' }))),
      ),
    );
    expect(outcomes).toEqual(Array(6).fill('added'));
    const view = await getHousehold(deps, 'hh-b');
    expect(view.members.map((m) => m.memberId).sort()).toEqual(
      ['hh-b-01', ...[...Array(6)].map((_, i) => `hh-b-c${i}`)].sort(),
    );
  });
});
