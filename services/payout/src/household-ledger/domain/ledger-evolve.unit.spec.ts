import type { Fund } from '@aid/contracts';
import type { StoredPayoutEvent } from '../../record-payables/domain/payout-events';
import { emptyLedger, evolve, isLedgerEvent, totalKey, type LedgerEvent } from './ledger-evolve';

const payable = {
  claimId: 'claim-1',
  householdId: 'hh-1',
  memberId: 'm-1',
  year: 2019,
  month: '2019-03',
  day: '2019-03-11',
  programme: 'MEDICAL' as const,
};
const at = { occurredAt: '2019-03-11T09:30:00.000Z' };

const owed = (eventId: string, amount: string, fund: Fund = 'BASIC_MEDICAL_INSURANCE_FUND'): LedgerEvent => ({
  type: 'HospitalReimbursementOwed',
  data: { ...payable, fund, amount, payee: 'HOSPITAL', hospitalId: 'hosp-1' },
  eventId,
  position: eventId.slice(2),
  ...at,
});
const due = (eventId: string, amount: string): LedgerEvent => ({
  type: 'BankCardPaymentDue',
  data: { ...payable, fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount, payee: 'HOUSEHOLD_BANK_CARD' },
  eventId,
  position: eventId.slice(2),
  ...at,
});

describe('the household ledger evolve', () => {
  it('adds one line per payment, with the programme, fund and payee the event names', () => {
    const rows = [owed('e-1', '6800.00'), due('e-2', '99.95')].reduce(evolve, emptyLedger());
    expect([...rows.lines.values()]).toEqual([
      {
        eventId: 'e-1',
        eventPosition: '1',
        eventType: 'HospitalReimbursementOwed',
        householdId: 'hh-1',
        year: 2019,
        month: '2019-03',
        program: 'MEDICAL',
        fund: 'BASIC_MEDICAL_INSURANCE_FUND',
        payeeKind: 'HOSPITAL',
        hospitalId: 'hosp-1',
        claimId: 'claim-1',
        memberId: 'm-1',
        amountFen: 680000,
        occurredAt: at.occurredAt,
      },
      expect.objectContaining({ eventId: 'e-2', payeeKind: 'HOUSEHOLD_BANK_CARD', hospitalId: null, amountFen: 9995 }),
    ]);
  });

  it('totals the lines per household, year, programme and fund, to the fen', () => {
    const rows = [owed('e-1', '6800.00'), due('e-2', '0.01'), owed('e-3', '1.10', 'MEDICAL_ASSISTANCE_FUND')].reduce(
      evolve,
      emptyLedger(),
    );
    const basic = {
      householdId: 'hh-1',
      year: 2019,
      program: 'MEDICAL' as const,
      fund: 'BASIC_MEDICAL_INSURANCE_FUND' as const,
    };
    expect(rows.totals.get(totalKey(basic))).toEqual({ ...basic, amountFen: 680001, lines: 2 });
    expect(rows.totals.size).toBe(2);
  });

  it('leaves the rows it was given as they were', () => {
    const before = evolve(emptyLedger(), owed('e-1', '1.00'));
    evolve(before, owed('e-2', '2.00'));
    expect(before.lines.size).toBe(1);
    expect([...before.totals.values()][0].amountFen).toBe(100);
  });

  it('refuses an amount the codec refuses, naming the event', () => {
    expect(() => evolve(emptyLedger(), owed('e-1', '1.005'))).toThrow(/^HospitalReimbursementOwed\.amount: /);
  });

  it('handles payments only', () => {
    const recorded = { type: 'PayablesRecorded', data: {}, eventId: 'e-0', position: '0', ...at } as StoredPayoutEvent;
    expect(isLedgerEvent(recorded)).toBe(false);
    expect(isLedgerEvent(due('e-2', '1.00'))).toBe(true);
  });
});
