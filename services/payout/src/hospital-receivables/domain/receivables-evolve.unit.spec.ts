import type { StoredPayoutEvent } from '../../record-payables/domain/payout-events';
import { evolve, isReceivablesEvent, noReceivables, receivableKey, type ReceivablesEvent } from './receivables-evolve';

const owed = (hospitalId: string, month: string, amount: string): ReceivablesEvent => ({
  type: 'HospitalReimbursementOwed',
  data: {
    claimId: 'claim-1',
    householdId: 'hh-1',
    memberId: 'm-1',
    fund: 'MEDICAL_ASSISTANCE_FUND',
    amount,
    year: 2019,
    month,
    day: `${month}-11`,
    programme: 'MEDICAL',
    payee: 'HOSPITAL',
    hospitalId,
  },
  eventId: 'e-1',
  position: '1',
  occurredAt: '2019-03-11T09:30:00.000Z',
});

describe('the hospital receivables evolve', () => {
  it('adds each reimbursement to what its fund owes the hospital for the disbursement month', () => {
    const rows = [
      owed('hosp-1', '2019-03', '100.01'),
      owed('hosp-1', '2019-03', '0.99'),
      owed('hosp-1', '2019-04', '5.00'),
    ].reduce(evolve, noReceivables());
    const march = { hospitalId: 'hosp-1', year: 2019, month: '2019-03', fund: 'MEDICAL_ASSISTANCE_FUND' as const };
    expect(rows.get(receivableKey(march))).toEqual({ ...march, owedFen: 10100, lines: 2 });
    expect(rows.size).toBe(2);
  });

  it('keeps hospitals apart, and leaves the rows it was given as they were', () => {
    const one = evolve(noReceivables(), owed('hosp-1', '2019-03', '1.00'));
    const two = evolve(one, owed('hosp-2', '2019-03', '1.00'));
    expect(one.size).toBe(1);
    expect(two.size).toBe(2);
  });

  it('handles reimbursements owed to hospitals only: a bank card payment owes no hospital', () => {
    const due = { ...owed('hosp-1', '2019-03', '1.00'), type: 'BankCardPaymentDue' } as unknown as StoredPayoutEvent;
    expect(isReceivablesEvent(due)).toBe(false);
    expect(isReceivablesEvent(owed('hosp-1', '2019-03', '1.00'))).toBe(true);
  });
});
