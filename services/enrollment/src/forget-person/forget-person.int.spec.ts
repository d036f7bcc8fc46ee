import { Refusal } from '@aid/platform';
import { createTestSchema, type TestSchema } from '@aid/testing';
import { certifyDisease } from '../certify-disease/certify-disease.handler';
import { getHousehold, getMember } from '../household-view/household-queries';
import { insureMember } from '../insure-member/insure-member.handler';
import { registerHousehold } from '../register-household/register-household.handler';
import type { EnrollmentDeps } from '../shared/deps';
import { intDeps } from '../testing/int-deps';
import { freshIdNumber, registerHouseholdBody } from '../testing/request-bodies';
import { forgetPerson } from './forget-person.handler';

let db: TestSchema;
let deps: EnrollmentDeps;

beforeAll(async () => {
  db = await createTestSchema('enrollment_forget', { max: 10 });
  deps = await intDeps(db.pool, db.schema);
}, 30_000);
afterAll(() => db.drop(), 30_000);

describe('forgetting a person', () => {
  it('erases name and ID number; the events and every fen of history stay', async () => {
    const idNumber = freshIdNumber();
    await registerHousehold(
      deps,
      registerHouseholdBody({ householdId: 'fg-1' }, { memberId: 'fg-1-01', idNumber, name: '赵六' }),
    );
    await insureMember(deps, 'fg-1-01', { year: 2020, premium: '250', premiumSubsidy: '180.5' });
    await certifyDisease(deps, 'fg-1-01', { kind: 'CHRONIC', diseaseCode: 'HYPERTENSION', certifiedOn: '2019-06-01' });
    const before = await db.pool.query(
      `select event_id, data from ${db.schema}.events where stream_id = 'household-fg-1' order by stream_version`,
    );

    await forgetPerson(deps, 'fg-1-01');

    const rows = await db.pool.query(`select 1 from ${db.schema}.member_personal_data where member_id = 'fg-1-01'`);
    expect(rows.rowCount).toBe(0);
    const after = await db.pool.query(
      `select event_id, event_type, data from ${db.schema}.events where stream_id = 'household-fg-1' order by stream_version`,
    );
    expect(after.rows.slice(0, before.rows.length)).toEqual(before.rows.map((r) => expect.objectContaining(r)));
    expect(after.rows.slice(before.rows.length).map((r) => r.event_type)).toEqual(['PersonalDataErased']);

    const member = await getMember(deps, 'fg-1-01');
    expect(member).toMatchObject({
      name: null,
      personalData: { status: 'ERASED', erasedOn: '2020-06-30' },
      insurance: [{ year: 2020, premium: '250.00', premiumSubsidy: '180.50', selfPaid: '69.50' }],
      diseases: [{ kind: 'CHRONIC', diseaseCode: 'HYPERTENSION', certifiedOn: '2019-06-01' }],
    });
    expect(JSON.stringify(await getHousehold(deps, 'fg-1'))).not.toContain('赵六');
  });

  it('is harmless twice, and frees the ID number for a new registration', async () => {
    const idNumber = freshIdNumber();
    await registerHousehold(deps, registerHouseholdBody({ householdId: 'fg-2' }, { memberId: 'fg-2-01', idNumber }));
    await forgetPerson(deps, 'fg-2-01');
    await forgetPerson(deps, 'fg-2-01');
    const erasures = await db.pool.query(
      `select 1 from ${db.schema}.events where stream_id = 'household-fg-2' and event_type = 'PersonalDataErased'`,
    );
    expect(erasures.rowCount).toBe(1);
    await expect(
      registerHousehold(deps, registerHouseholdBody({ householdId: 'fg-3' }, { idNumber })),
    ).resolves.toMatchObject({ householdId: 'fg-3' });
  });

  it('answers 404 for an unknown member', async () => {
    const error = await forgetPerson(deps, 'nobody').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).kind).toBe('NOT_FOUND');
  });
});
