import type { BillSettledV1 } from '@aid/contracts';
import { deciderSpec } from '@aid/testing/decider';
import { aSettledBill, anOutOfCountyBill, withLayerAmounts } from '../../testing/fixtures';
import { payablesDecider, PayablesRefused, type RecordPayables } from './payables';

const SETTLEMENT = '7c0c4f5e-0000-4000-8000-000000000001';
const spec = deciderSpec(payablesDecider);

function recordPayables(settlement: BillSettledV1, settlementEventId = SETTLEMENT): RecordPayables {
  return { type: 'RecordPayables', data: { settlementEventId, settlement } };
}

const claim = { claimId: 'claim-1', householdId: 'household-1', memberId: 'member-1' };

describe('payables of a claim', () => {
  describe('NotRecorded', () => {
    it('in county: the hospital is owed each non-zero layer by its fund, in settlement order, under MEDICAL', () => {
      spec
        .given()
        .when(recordPayables(aSettledBill()))
        .then([
          {
            type: 'PayablesRecorded',
            data: {
              ...claim,
              hospitalId: 'hospital-county-1',
              payee: 'HOSPITAL',
              year: 2019,
              month: '2019-03',
              day: '2019-03-11',
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
            type: 'HospitalReimbursementOwed' as const,
            data: {
              ...claim,
              fund,
              amount,
              year: 2019,
              month: '2019-03',
              day: '2019-03-11',
              programme: 'MEDICAL' as const,
              payee: 'HOSPITAL' as const,
              hospitalId: 'hospital-county-1',
            },
          })),
        ]);
    });

    it('out of county: each non-zero layer is due to the household bank card, with no hospital', () => {
      const events = spec.given().when(recordPayables(anOutOfCountyBill())).events();
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
          ...claim,
          fund: 'BASIC_MEDICAL_INSURANCE_FUND',
          amount: '6800.00',
          year: 2019,
          month: '2019-03',
          day: '2019-03-11',
          programme: 'MEDICAL',
          payee: 'HOUSEHOLD_BANK_CARD',
        },
      });
      expect(events[1].data).not.toHaveProperty('hospitalId');
    });

    it('skips layers whose amount is zero, however it is written', () => {
      const bill = withLayerAmounts(aSettledBill(), ['0', '0.00', '350.5', '0.0', '0.01']);
      const events = spec.given().when(recordPayables(bill)).events();
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
      expect(spec.given().when(recordPayables(bill)).events()).toEqual([
        expect.objectContaining({
          type: 'PayablesRecorded',
          data: expect.objectContaining({ total: '0.00', payables: 0 }),
        }),
      ]);
    });

    it('takes the month of the monthly disbursement from the discharge date, the year from the policy year', () => {
      const bill = aSettledBill({ year: 2019, admissionDate: '2019-12-28', dischargeDate: '2020-01-04' });
      expect(spec.given().when(recordPayables(bill)).events()[1].data).toMatchObject({ year: 2019, month: '2020-01' });
    });
  });

  describe('Recorded', () => {
    const history = spec.given().when(recordPayables(aSettledBill())).events();

    it('ignores the same settlement delivered again: nothing is recorded twice', () => {
      spec
        .given(...history)
        .when(recordPayables(aSettledBill()))
        .thenNothing();
    });

    it('refuses another settlement of the same claim: it would pay the claim twice', () => {
      const second = spec
        .given(...history)
        .when(recordPayables(aSettledBill(), '7c0c4f5e-0000-4000-8000-000000000002'));
      second.thenThrows(PayablesRefused, { code: 'CLAIM_ALREADY_RECORDED' });
      expect(() => second.events()).toThrow(
        /claim claim-1: payables were already recorded from settlement 7c0c4f5e-0000-4000-8000-000000000001/,
      );
    });

    it('folds to a state that knows the payee, the total in fen and how many payables there are', () => {
      expect(
        spec
          .given(...history)
          .when(recordPayables(aSettledBill()))
          .state(),
      ).toEqual({
        status: 'Recorded',
        claimId: 'claim-1',
        settlementEventId: SETTLEMENT,
        payee: 'HOSPITAL',
        total: 1080000,
        payables: 4,
      });
    });
  });
});
