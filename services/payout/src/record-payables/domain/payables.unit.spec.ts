import type { BillSettledV1 } from '@aid/contracts';
import { aSettledBill, anOutOfCountyBill, withLayerAmounts } from '../../testing/fixtures';
import { decide, evolve, initialState, PayablesRefused, type PayablesEvent, type RecordPayables } from './payables';

const SETTLEMENT = '7c0c4f5e-0000-4000-8000-000000000001';

function recordPayables(settlement: BillSettledV1, settlementEventId = SETTLEMENT): RecordPayables {
  return { type: 'RecordPayables', data: { settlementEventId, settlement } };
}

/** Given these events, when this command: the events decided (or the error thrown). */
function given(history: PayablesEvent[]) {
  const state = history.reduce(evolve, initialState());
  return { when: (command: RecordPayables) => () => decide(command, state) };
}

describe('payables of a claim', () => {
  describe('NotRecorded', () => {
    it('in county: the hospital is owed each non-zero layer by its fund, in settlement order', () => {
      const events = given([]).when(recordPayables(aSettledBill()))();
      expect(events).toEqual([
        {
          type: 'PayablesRecorded',
          data: {
            claimId: 'claim-1',
            householdId: 'household-1',
            memberId: 'member-1',
            hospitalId: 'hospital-county-1',
            payee: 'HOSPITAL',
            year: 2019,
            month: '2019-03',
            settlementEventId: SETTLEMENT,
            total: '10800.00',
            payables: 4,
          },
        },
        ...(
          [
            ['BASIC_MEDICAL_INSURANCE_FUND', '6800.00'],
            ['COMMERCIAL_SUPPLEMENTARY_INSURANCE', '1500.50'],
            ['MEDICAL_ASSISTANCE_FUND', '1200.25'],
            ['GOVERNMENT_BACKSTOP_FUND', '1299.25'],
          ] as const
        ).map(([fund, amount]) => ({
          type: 'HospitalReimbursementOwed',
          data: {
            claimId: 'claim-1',
            householdId: 'household-1',
            memberId: 'member-1',
            hospitalId: 'hospital-county-1',
            fund,
            amount,
            year: 2019,
            month: '2019-03',
          },
        })),
      ]);
    });

    it('out of county: each non-zero layer is due to the household bank card, with no hospital', () => {
      const events = given([]).when(recordPayables(anOutOfCountyBill()))();
      expect(events.map((e) => e.type)).toEqual([
        'PayablesRecorded',
        'BankCardPaymentDue',
        'BankCardPaymentDue',
        'BankCardPaymentDue',
        'BankCardPaymentDue',
      ]);
      expect(events[0].data).toMatchObject({ payee: 'HOUSEHOLD_BANK_CARD', total: '10800.00', payables: 4 });
      expect(events[1]).toEqual({
        type: 'BankCardPaymentDue',
        data: {
          claimId: 'claim-1',
          householdId: 'household-1',
          memberId: 'member-1',
          fund: 'BASIC_MEDICAL_INSURANCE_FUND',
          amount: '6800.00',
          year: 2019,
          month: '2019-03',
        },
      });
      expect(events[1].data).not.toHaveProperty('hospitalId');
    });

    it('skips layers whose amount is zero, however it is written', () => {
      const bill = withLayerAmounts(aSettledBill(), ['0', '0.00', '350.5', '0.0', '0.01']);
      const events = given([]).when(recordPayables(bill))();
      expect(
        events.slice(1).map((e) => [(e.data as { fund: string }).fund, (e.data as { amount: string }).amount]),
      ).toEqual([
        ['COMMERCIAL_SUPPLEMENTARY_INSURANCE', '350.50'],
        ['GOVERNMENT_BACKSTOP_FUND', '0.01'],
      ]);
      expect(events[0].data).toMatchObject({ total: '350.51', payables: 2 });
    });

    it('records a bill that owes nothing, so a later settlement of the claim is still caught', () => {
      const bill = withLayerAmounts(aSettledBill(), ['0.00', '0.00', '0.00', '0.00', '0.00']);
      const events = given([]).when(recordPayables(bill))();
      expect(events).toEqual([
        expect.objectContaining({
          type: 'PayablesRecorded',
          data: expect.objectContaining({ total: '0.00', payables: 0 }),
        }),
      ]);
    });

    it('takes the month of the monthly disbursement from the discharge date, the year from the policy year', () => {
      const bill = aSettledBill({ year: 2019, admissionDate: '2019-12-28', dischargeDate: '2020-01-04' });
      const events = given([]).when(recordPayables(bill))();
      expect(events[1].data).toMatchObject({ year: 2019, month: '2020-01' });
    });
  });

  describe('Recorded', () => {
    const history = given([]).when(recordPayables(aSettledBill()))();

    it('ignores the same settlement delivered again: nothing is recorded twice', () => {
      expect(given(history).when(recordPayables(aSettledBill()))()).toEqual([]);
    });

    it('refuses another settlement of the same claim: it would pay the claim twice', () => {
      const second = recordPayables(aSettledBill(), '7c0c4f5e-0000-4000-8000-000000000002');
      expect(given(history).when(second)).toThrow(PayablesRefused);
      expect(given(history).when(second)).toThrow(
        /claim claim-1: payables were already recorded from settlement 7c0c4f5e-0000-4000-8000-000000000001/,
      );
    });

    it('folds to a state that knows the payee, the total and how many payables there are', () => {
      expect(history.reduce(evolve, initialState())).toEqual({
        status: 'Recorded',
        claimId: 'claim-1',
        settlementEventId: SETTLEMENT,
        payee: 'HOSPITAL',
        total: 1080000n,
        payables: 4,
      });
    });
  });
});
