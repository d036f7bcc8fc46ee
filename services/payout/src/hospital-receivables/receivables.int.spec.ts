import { sumFen, yuanToFen } from '@aid/money';
import { aSettledBill, anOutOfCountyBill, withLayerAmounts } from '../testing/fixtures';
import { payoutHarness, type PayoutHarness } from '../testing/harness';
import { hospitalReceivables } from './receivables.query';

describe('hospital receivables per fund (events in, rows out)', () => {
  let h: PayoutHarness;

  beforeAll(async () => {
    h = await payoutHarness('payout_receivables');
    await h.settle(aSettledBill({ claimId: 'r-1', hospitalId: 'hosp-1', dischargeDate: '2019-03-11' }));
    await h.settle(
      withLayerAmounts(
        aSettledBill({ claimId: 'r-2', hospitalId: 'hosp-1', householdId: 'hh-2', dischargeDate: '2019-03-28' }),
        ['100.01', '0.00', '0.00', '0.00', '0.99'],
      ),
    );
    await h.settle(
      aSettledBill({ claimId: 'r-3', hospitalId: 'hosp-1', admissionDate: '2019-03-30', dischargeDate: '2019-04-02' }),
    );
    // Out of county: the household is paid, the hospital is owed nothing.
    await h.settle(anOutOfCountyBill({ claimId: 'r-4', hospitalId: 'hosp-1' }));
    await h.settle(aSettledBill({ claimId: 'r-5', hospitalId: 'hosp-2' }));
    await h.project();
  });
  afterAll(() => h.drop());

  it('owes the hospital, per fund and disbursement month, what the in-county bills it advanced came to', async () => {
    await expect(hospitalReceivables(h.payout.dataSource, 'hosp-1', 2019)).resolves.toEqual({
      hospitalId: 'hosp-1',
      year: 2019,
      months: [
        {
          month: '2019-03',
          byFund: [
            { fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: '6900.01', lines: 2 },
            { fund: 'COMMERCIAL_SUPPLEMENTARY_INSURANCE', amount: '1500.50', lines: 1 },
            { fund: 'GOVERNMENT_BACKSTOP_FUND', amount: '1300.24', lines: 2 },
            { fund: 'MEDICAL_ASSISTANCE_FUND', amount: '1200.25', lines: 1 },
          ],
          total: '10901.00',
        },
        {
          month: '2019-04',
          byFund: [
            { fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: '6800.00', lines: 1 },
            { fund: 'COMMERCIAL_SUPPLEMENTARY_INSURANCE', amount: '1500.50', lines: 1 },
            { fund: 'GOVERNMENT_BACKSTOP_FUND', amount: '1299.25', lines: 1 },
            { fund: 'MEDICAL_ASSISTANCE_FUND', amount: '1200.25', lines: 1 },
          ],
          total: '10800.00',
        },
      ],
      byFund: [
        { fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: '13700.01', lines: 3 },
        { fund: 'COMMERCIAL_SUPPLEMENTARY_INSURANCE', amount: '3001.00', lines: 2 },
        { fund: 'GOVERNMENT_BACKSTOP_FUND', amount: '2599.49', lines: 3 },
        { fund: 'MEDICAL_ASSISTANCE_FUND', amount: '2400.50', lines: 2 },
      ],
      total: '21701.00',
    });
  });

  it('has months that add up to the year, and funds that add up to the year', async () => {
    const r = await hospitalReceivables(h.payout.dataSource, 'hosp-2', 2019);
    expect(r.total).toBe('10800.00');
    const total = yuanToFen(r.total, 'total');
    expect(sumFen(r.months.map((m) => yuanToFen(m.total, 'months.total')))).toBe(total);
    expect(sumFen(r.byFund.map((f) => yuanToFen(f.amount, 'byFund.amount')))).toBe(total);
  });

  it('answers a hospital nothing is owed to with no months and a zero total', async () => {
    await expect(hospitalReceivables(h.payout.dataSource, 'hosp-none', 2019)).resolves.toEqual({
      hospitalId: 'hosp-none',
      year: 2019,
      months: [],
      byFund: [],
      total: '0.00',
    });
    expect((await hospitalReceivables(h.payout.dataSource, 'hosp-1', 2020)).total).toBe('0.00');
  });
});
