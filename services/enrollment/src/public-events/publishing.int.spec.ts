import { parseContractEvent, TOPIC_NAMES, type EventEnvelope } from '@aid/contracts';
import { InProcessMessageBus } from '@aid/messaging';
import { ServiceRuntime } from '@aid/platform';
import { createTestSchema, waitFor, type TestSchema } from '@aid/testing';
import { addMember } from '../add-member/add-member.handler';
import { certifyDisease } from '../certify-disease/certify-disease.handler';
import { forgetPerson } from '../forget-person/forget-person.handler';
import { insureMember } from '../insure-member/insure-member.handler';
import { registerBankCard } from '../register-bank-card/register-bank-card.handler';
import { registerHousehold } from '../register-household/register-household.handler';
import { intDeps } from '../testing/int-deps';
import { addMemberBody, bankCardBody, freshIdNumber, registerHouseholdBody } from '../testing/request-bodies';
import { enrollmentToPublic } from './to-public';

let db: TestSchema;
let bus: InProcessMessageBus;
let runtime: ServiceRuntime;

beforeAll(async () => {
  db = await createTestSchema('enrollment_topic');
  bus = new InProcessMessageBus();
  runtime = new ServiceRuntime({
    service: 'enrollment',
    schema: db.schema,
    pool: db.pool,
    bus,
    topic: TOPIC_NAMES.enrollment,
    toPublic: enrollmentToPublic,
    ownsConnections: false,
  });
  await runtime.start();
}, 30_000);
afterAll(async () => {
  await runtime.stop();
  await bus.close();
  await db.drop();
}, 30_000);

describe('what reaches aid.enrollment.v1', () => {
  it('carries every fact as the contract says, keyed by household, and no personal data', async () => {
    const received: EventEnvelope[] = [];
    const subscription = await bus.subscribe({
      groupId: 'test:enrollment-topic',
      topics: [TOPIC_NAMES.enrollment],
      handler: async (m) => {
        received.push(m);
      },
    });
    const deps = await intDeps(db.pool, db.schema, { store: runtime.store });
    const headId = freshIdNumber();
    const spouseId = freshIdNumber('1971-09-03', 'FEMALE');
    await registerHousehold(
      deps,
      registerHouseholdBody({ householdId: 'pub-1' }, { memberId: 'pub-1-01', idNumber: headId, name: '孙七' }),
      {
        correlationId: 'agency-batch-7',
      },
    );
    await addMember(deps, 'pub-1', addMemberBody({ memberId: 'pub-1-02', idNumber: spouseId, name: '周八' }));
    await insureMember(deps, 'pub-1-01', { year: 2020, premium: '250.00', premiumSubsidy: '250.00' });
    await certifyDisease(deps, 'pub-1-01', { kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-05-10' });
    const headCard = bankCardBody({ holderName: '孙七' });
    const spouseCard = bankCardBody({ holderName: '周八' });
    await registerBankCard(deps, 'pub-1-01', headCard);
    await registerBankCard(deps, 'pub-1-02', spouseCard);
    await registerBankCard(deps, 'pub-1-01', { ...spouseCard, holderName: '孙七' });
    await forgetPerson(deps, 'pub-1-02');

    // The relay has passed every stored event, the internal bank card and erasure events included.
    const { rows } = await db.pool.query(`select max(global_position)::text as last from ${db.schema}.events`);
    await waitFor(async () => (await runtime.store.checkpoints().load('relay:enrollment')) === rows[0].last, 10_000, {
      message: 'the relay to reach the last event',
    });
    await waitFor(() => received.length >= 5, 10_000, { message: () => `received ${received.length} of 5` });
    await subscription.close();

    expect(received.map((m) => m.type)).toEqual([
      'HouseholdRegistered',
      'MemberAdded',
      'MemberAdded',
      'MemberInsured',
      'DiseaseCertified',
    ]);
    for (const m of received) {
      expect(parseContractEvent(TOPIC_NAMES.enrollment, m)).toMatchObject({ ok: true });
      expect(m).toMatchObject({
        partitionKey: 'pub-1',
        streamId: 'household-pub-1',
        occurredAt: '2020-06-30T04:00:00.000Z',
        causationId: expect.any(String),
      });
      for (const secret of [headId, spouseId, '孙七', '周八']) expect(JSON.stringify(m)).not.toContain(secret);
    }
    // No card number, nor its last eight digits, in any message or any stored event.
    const stored = await db.pool.query(`select event_type, data, metadata from ${db.schema}.events`);
    expect(stored.rows.map((r) => r.event_type)).toEqual(
      expect.arrayContaining(['BankCardRegistered', 'BankCardChanged']),
    );
    for (const card of [headCard.cardNumber, spouseCard.cardNumber]) {
      for (const text of [...received, ...stored.rows].map((x) => JSON.stringify(x))) {
        expect(text).not.toContain(card.slice(-8));
      }
    }
    expect(received.slice(0, 2).map((m) => m.correlationId)).toEqual(['agency-batch-7', 'agency-batch-7']);
    expect(received[3].data).toEqual({
      householdId: 'pub-1',
      memberId: 'pub-1-01',
      year: 2020,
      premium: '250.00',
      premiumSubsidy: '250.00',
    });
  });
});
