import type { EventEnvelope } from './envelope';
import type { BankCardPaymentDueV1, HospitalReimbursementOwedV1 } from './payout-events';
import {
  checkPublicEvent,
  contractTypes,
  parseContractEvent,
  publicEvent,
  schemaVersionOf,
  TOPIC_NAMES,
  type ContractTopic,
} from './registry';
import { FUND_OF_LAYER, LAYERS } from './vocabulary';

const payout = TOPIC_NAMES.payout;

const reimbursementV1: HospitalReimbursementOwedV1 = {
  claimId: 'XA-2019-000123',
  householdId: 'XA-0001',
  memberId: 'XA-0001-1',
  hospitalId: 'keyouqianqi-peoples-hospital',
  fund: 'MEDICAL_ASSISTANCE_FUND',
  amount: '525.00',
  year: 2019,
  month: '2019-02',
};
const { hospitalId: _hospitalId, ...bankCardV1 } = { ...reimbursementV1, claimId: 'XA-2019-000456' };
const bankCardPaymentV1: BankCardPaymentDueV1 = bankCardV1;

function envelope(type: string, schemaVersion: number, data: unknown): EventEnvelope {
  return {
    eventId: '00000000-0000-4000-8000-000000000009',
    type,
    schemaVersion,
    streamId: 'payables-XA-2019-000123',
    streamVersion: 2,
    globalPosition: '42',
    partitionKey: 'XA-0001',
    correlationId: 'c-9',
    causationId: null,
    occurredAt: '2019-02-10T09:00:00.000Z',
    data,
  };
}

describe('upcasting at the topic edge', () => {
  it('hands a v1 HospitalReimbursementOwed over as v2: medical aid, owed to the hospital', () => {
    const parsed = parseContractEvent(payout, envelope('HospitalReimbursementOwed', 1, reimbursementV1));
    expect(parsed).toEqual({
      ok: true,
      event: {
        type: 'HospitalReimbursementOwed',
        data: { ...reimbursementV1, programme: 'MEDICAL', payee: 'HOSPITAL' },
        envelope: envelope('HospitalReimbursementOwed', 2, {
          ...reimbursementV1,
          programme: 'MEDICAL',
          payee: 'HOSPITAL',
        }),
      },
    });
  });

  it('hands a v1 BankCardPaymentDue over as v2: medical aid, owed to the household bank card', () => {
    const parsed = parseContractEvent(payout, envelope('BankCardPaymentDue', 1, bankCardPaymentV1));
    expect(parsed).toMatchObject({
      ok: true,
      event: {
        data: { ...bankCardPaymentV1, programme: 'MEDICAL', payee: 'HOUSEHOLD_BANK_CARD' },
        envelope: { schemaVersion: 2 },
      },
    });
  });

  it('reads a v2 as it is', () => {
    const v2 = { ...bankCardPaymentV1, programme: 'MEDICAL', payee: 'HOUSEHOLD_BANK_CARD' };
    expect(parseContractEvent(payout, envelope('BankCardPaymentDue', 2, v2))).toMatchObject({
      ok: true,
      event: { data: v2 },
    });
  });

  it('checks the upcast data as the newest version', () => {
    const { amount: _amount, ...withoutAmount } = reimbursementV1;
    expect(parseContractEvent(payout, envelope('HospitalReimbursementOwed', 1, withoutAmount))).toMatchObject({
      ok: false,
      ignored: false,
      problems: [{ field: 'data.amount', message: expect.stringContaining('yuan amount') }],
    });
  });

  it('refuses a payee its type does not pay', () => {
    const wrong = { ...bankCardPaymentV1, programme: 'MEDICAL', payee: 'HOSPITAL' };
    expect(parseContractEvent(payout, envelope('BankCardPaymentDue', 2, wrong))).toMatchObject({
      ok: false,
      problems: [{ field: 'data.payee', message: 'must be one of HOUSEHOLD_BANK_CARD' }],
    });
  });

  it.each([0, 3, 1.5, '2'])('refuses schema version %p, which no upcaster reads', (version) => {
    expect(
      parseContractEvent(payout, envelope('BankCardPaymentDue', version as number, bankCardPaymentV1)),
    ).toMatchObject({
      ok: false,
      ignored: false,
      problems: [{ field: 'schemaVersion', message: `BankCardPaymentDue v${version} is unknown (v1 to v2 are read)` }],
    });
  });

  it('passes by an event type the topic does not have', () => {
    expect(parseContractEvent(payout, envelope('PayablesRecorded', 1, {}))).toMatchObject({ ok: false, ignored: true });
  });

  it('reads every version of every type, from v1 up', () => {
    for (const topic of Object.values(TOPIC_NAMES) as ContractTopic[]) {
      for (const type of contractTypes(topic)) {
        for (let v = 1; v <= schemaVersionOf(topic, type)!; v++) {
          const parsed = parseContractEvent(topic, envelope(type, v, {}));
          if (parsed.ok || parsed.ignored) throw new Error(`${type} v${v} with no data passed`);
          expect(parsed.problems.map((p) => p.field)).not.toContain('schemaVersion');
        }
      }
    }
  });
});

describe('amounts on topics are read by the one money codec', () => {
  it.each([
    ['-1.00', 'is below zero'],
    ['1.234', 'has more than two decimals'],
    ['007.10', 'no leading zeros'],
    ['1000000000.01', 'above the largest supported amount'],
    [525, 'as a string such as "12000.00", not number 525'],
  ])('refuses %p, naming the field and why', (amount, why) => {
    const parsed = parseContractEvent(payout, envelope('HospitalReimbursementOwed', 1, { ...reimbursementV1, amount }));
    expect(parsed).toMatchObject({
      ok: false,
      problems: [{ field: 'data.amount', message: expect.stringContaining(why) }],
    });
  });

  it('names a bad amount inside a list by its place', () => {
    const layers = LAYERS.map((layer) => ({
      layer,
      fund: FUND_OF_LAYER[layer],
      amount: layer === 'supplementary' ? '1,00' : '0.00',
    }));
    const problems = checkPublicEvent(TOPIC_NAMES.claims, { type: 'BillSettled', schemaVersion: 1, data: { layers } });
    expect(problems).toContainEqual({
      field: 'data.layers[2].amount',
      message: 'is not a yuan amount such as "12000.00"',
    });
    expect(problems.filter((p) => p.field.startsWith('data.layers'))).toHaveLength(1);
  });
});

describe('what producers publish', () => {
  it('takes the schema version from the registry', () => {
    const v2 = { ...reimbursementV1, programme: 'MEDICAL', payee: 'HOSPITAL' } as const;
    expect(publicEvent(payout, 'HospitalReimbursementOwed', v2)).toEqual({
      type: 'HospitalReimbursementOwed',
      schemaVersion: 2,
      data: v2,
    });
  });

  it('must be the newest version: consumers upcast, producers do not publish the past', () => {
    expect(
      checkPublicEvent(payout, { type: 'HospitalReimbursementOwed', schemaVersion: 1, data: reimbursementV1 }),
    ).toEqual([{ field: 'schemaVersion', message: 'HospitalReimbursementOwed is published at v2, not v1' }]);
  });

  it('must be a type of the topic', () => {
    expect(checkPublicEvent(payout, { type: 'BillSettled', schemaVersion: 1, data: {} })).toEqual([
      { field: 'type', message: 'aid.payout.v1 has no event type BillSettled' },
    ]);
  });
});
