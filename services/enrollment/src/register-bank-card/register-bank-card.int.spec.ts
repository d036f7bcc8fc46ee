import { InputError, Refusal } from '@aid/platform';
import { createTestSchema, type TestSchema } from '@aid/testing';
import { forgetPerson } from '../forget-person/forget-person.handler';
import { getHousehold, getMember } from '../household-view/household-queries';
import { registerHousehold } from '../register-household/register-household.handler';
import type { EnrollmentDeps } from '../shared/deps';
import { intDeps } from '../testing/int-deps';
import { bankCardBody, freshCardNumber, registerHouseholdBody } from '../testing/request-bodies';
import { registerBankCard } from './register-bank-card.handler';

let db: TestSchema;
let deps: EnrollmentDeps;

beforeAll(async () => {
  db = await createTestSchema('enrollment_bank_card', { max: 10 });
  deps = await intDeps(db.pool, db.schema);
}, 30_000);
afterAll(() => db.drop(), 30_000);

async function stream(householdId: string) {
  const { rows } = await db.pool.query<{ event_type: string; data: unknown; metadata: unknown }>(
    `select event_type, data, metadata from ${db.schema}.events where stream_id = $1 order by stream_version`,
    [`household-${householdId}`],
  );
  return rows;
}

async function cardRow(memberId: string) {
  const { rows } = await db.pool.query(`select * from ${db.schema}.member_bank_cards where member_id = $1`, [memberId]);
  return rows[0];
}

describe('a bank card on file', () => {
  it('keeps the number only in the erasable store, written with an event that names a reference', async () => {
    await registerHousehold(deps, registerHouseholdBody({ householdId: 'bc-1' }, { memberId: 'bc-1-01' }));
    const body = bankCardBody();
    const answer = await registerBankCard(deps, 'bc-1-01', body);

    expect(answer).toEqual({
      householdId: 'bc-1',
      memberId: 'bc-1-01',
      bankCard: {
        status: 'ON_FILE',
        cardReference: expect.any(String),
        bankName: body.bankName,
        masked: `•••• ${body.cardNumber.slice(-4)}`,
        onFileSince: '2020-06-30',
      },
    });
    const events = await stream('bc-1');
    expect(events.at(-1)).toMatchObject({
      event_type: 'BankCardRegistered',
      data: {
        householdId: 'bc-1',
        memberId: 'bc-1-01',
        cardReference: answer.bankCard.cardReference,
        registeredOn: '2020-06-30',
      },
    });
    expect(await cardRow('bc-1-01')).toMatchObject({
      card_reference: answer.bankCard.cardReference,
      card_number: body.cardNumber,
      bank_name: body.bankName,
      holder_name: body.holderName,
    });
    for (const e of events) expect(JSON.stringify(e)).not.toContain(body.cardNumber.slice(-8));
    expect((await getMember(deps, 'bc-1-01')).bankCard).toEqual(answer.bankCard);
  });

  it('answers the same body again as the first time and records nothing; another card is a change', async () => {
    await registerHousehold(deps, registerHouseholdBody({ householdId: 'bc-2' }, { memberId: 'bc-2-01' }));
    const body = bankCardBody();
    const first = await registerBankCard(deps, 'bc-2-01', body);
    const length = (await stream('bc-2')).length;
    await expect(registerBankCard(deps, 'bc-2-01', { ...body })).resolves.toEqual(first);
    expect(await stream('bc-2')).toHaveLength(length);

    const other = bankCardBody({ bankName: '中国邮政储蓄银行' });
    const changed = await registerBankCard(deps, 'bc-2-01', other);
    expect(changed.bankCard.cardReference).not.toBe(first.bankCard.cardReference);
    expect((await stream('bc-2')).slice(length)).toEqual([
      expect.objectContaining({
        event_type: 'BankCardChanged',
        data: {
          householdId: 'bc-2',
          memberId: 'bc-2-01',
          cardReference: changed.bankCard.cardReference,
          previousCardReference: first.bankCard.cardReference,
          changedOn: '2020-06-30',
        },
      }),
    ]);
    expect(await cardRow('bc-2-01')).toMatchObject({ card_number: other.cardNumber, bank_name: '中国邮政储蓄银行' });
    // The same number under another holder's name is another card on file too.
    const renamed = await registerBankCard(deps, 'bc-2-01', { ...other, holderName: '李四' });
    expect(renamed.bankCard.cardReference).not.toBe(changed.bankCard.cardReference);
  });

  it('is erased with the person: reads show ERASED, the events stay and name no number', async () => {
    await registerHousehold(deps, registerHouseholdBody({ householdId: 'bc-3' }, { memberId: 'bc-3-01' }));
    const body = bankCardBody();
    await registerBankCard(deps, 'bc-3-01', body);
    const before = await stream('bc-3');

    await forgetPerson(deps, 'bc-3-01');

    expect(await cardRow('bc-3-01')).toBeUndefined();
    expect((await getMember(deps, 'bc-3-01')).bankCard).toEqual({ status: 'ERASED', erasedOn: '2020-06-30' });
    const after = await stream('bc-3');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(JSON.stringify(await getHousehold(deps, 'bc-3'))).not.toContain(body.cardNumber.slice(-4));
    const error = await registerBankCard(deps, 'bc-3-01', bankCardBody()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PERSONAL_DATA_ERASED' });
    expect(await cardRow('bc-3-01')).toBeUndefined();
  });

  it('refuses a bad number naming cardNumber, without echoing it and without writing anything', async () => {
    await registerHousehold(deps, registerHouseholdBody({ householdId: 'bc-4' }, { memberId: 'bc-4-01' }));
    const good = freshCardNumber();
    const bad = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    const error = await registerBankCard(deps, 'bc-4-01', bankCardBody({ cardNumber: bad })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => p.field)).toEqual(['cardNumber']);
    expect(JSON.stringify((error as InputError).problems)).not.toContain(bad.slice(-4));
    expect(await cardRow('bc-4-01')).toBeUndefined();
    expect((await stream('bc-4')).map((e) => e.event_type)).toEqual(['HouseholdRegistered', 'MemberAdded']);
  });

  it('answers 404 for an unknown member', async () => {
    const error = await registerBankCard(deps, 'nobody', bankCardBody()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).kind).toBe('NOT_FOUND');
  });
});
