import { storedPayoutEvent, upcastPayoutEvent } from './payout-events';

const payable = {
  claimId: 'claim-1',
  householdId: 'household-1',
  memberId: 'member-1',
  fund: 'BASIC_MEDICAL_INSURANCE_FUND',
  amount: '6800.00',
  year: 2019,
  month: '2019-03',
};

describe('reading stored payout events (the upcaster)', () => {
  it('reads a reimbursement stored before programme and payee as MEDICAL, owed to the hospital', () => {
    expect(
      upcastPayoutEvent({ type: 'HospitalReimbursementOwed', data: { ...payable, hospitalId: 'hospital-1' } }),
    ).toEqual({
      type: 'HospitalReimbursementOwed',
      data: { ...payable, hospitalId: 'hospital-1', programme: 'MEDICAL', payee: 'HOSPITAL', day: null },
    });
  });

  it('reads a bank card payment stored before programme and payee as MEDICAL, due to the household bank card', () => {
    expect(upcastPayoutEvent({ type: 'BankCardPaymentDue', data: payable })).toEqual({
      type: 'BankCardPaymentDue',
      data: { ...payable, programme: 'MEDICAL', payee: 'HOUSEHOLD_BANK_CARD', day: null },
    });
  });

  it('keeps what an event stored, and reads a PayablesRecorded stored before the day as having none', () => {
    const stored = { ...payable, programme: 'LIVING_ALLOWANCE', payee: 'HOUSEHOLD_BANK_CARD', day: '2019-03-11' };
    expect(upcastPayoutEvent({ type: 'BankCardPaymentDue', data: stored }).data).toEqual(stored);
    const recorded = { claimId: 'claim-1', payee: 'HOSPITAL', total: '0.00', payables: 0 };
    expect(upcastPayoutEvent({ type: 'PayablesRecorded', data: recorded })).toEqual({
      type: 'PayablesRecorded',
      data: { ...recorded, day: null },
    });
    expect(upcastPayoutEvent({ type: 'PayablesRecorded', data: { ...recorded, day: '2019-03-11' } }).data).toEqual({
      ...recorded,
      day: '2019-03-11',
    });
  });

  it('refuses a type that is not payout’s', () => {
    expect(() => upcastPayoutEvent({ type: 'BillSettled', data: {} })).toThrow(
      /unexpected payout event type: "BillSettled"/,
    );
  });

  it('takes the time the obligation arose from the metadata, else from when it was stored', () => {
    const recorded = {
      eventId: 'e-1',
      type: 'BankCardPaymentDue',
      data: payable,
      position: '7',
      recordedAt: new Date('2020-01-01T00:00:00.000Z'),
    };
    expect(storedPayoutEvent({ ...recorded, metadata: { occurredAt: '2019-03-11T09:30:00Z' } })).toMatchObject({
      eventId: 'e-1',
      position: '7',
      occurredAt: '2019-03-11T09:30:00.000Z',
    });
    expect(storedPayoutEvent({ ...recorded, metadata: {} }).occurredAt).toBe('2020-01-01T00:00:00.000Z');
  });
});
