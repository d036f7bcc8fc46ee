import { aSettledBill, anOutOfCountyBill, withLayerAmounts } from '../testing/fixtures';
import { payoutHarness, type PayoutHarness } from '../testing/harness';
import { householdLedger } from './ledger.query';

describe('household aid ledger (events in, rows out)', () => {
  let h: PayoutHarness;

  beforeAll(async () => {
    h = await payoutHarness('payout_ledger');
    // Household A: one bill in county (4 paying layers), one out of county (2), one in 2020.
    await h.settle(
      aSettledBill({ claimId: 'a-1', householdId: 'hh-a', memberId: 'm-a1', dischargeDate: '2019-03-11' }),
      {
        occurredAt: '2019-03-11T09:30:00.000Z',
      },
    );
    await h.settle(
      withLayerAmounts(
        anOutOfCountyBill({ claimId: 'a-2', householdId: 'hh-a', memberId: 'm-a2', dischargeDate: '2019-07-02' }),
        ['2000.10', '0.00', '0.00', '99.95', '0.00'],
      ),
      { occurredAt: '2019-07-02T08:00:00.000Z' },
    );
    await h.settle(
      aSettledBill({
        claimId: 'a-3',
        householdId: 'hh-a',
        year: 2020,
        admissionDate: '2020-01-02',
        dischargeDate: '2020-01-05',
      }),
    );
    // Household B, to show ledgers do not mix.
    await h.settle(aSettledBill({ claimId: 'b-1', householdId: 'hh-b' }));
    await h.project();
  });
  afterAll(() => h.drop());

  it('has one line per payout event of the household and year, by program, fund and payee', async () => {
    const ledger = await householdLedger(h.payout.dataSource, 'hh-a', 2019);
    expect(
      ledger.lines.map((l) => [
        l.month,
        l.type,
        l.program,
        l.fund,
        l.payee,
        l.claimId,
        l.memberId,
        l.amount,
        l.occurredAt,
      ]),
    ).toEqual([
      [
        '2019-03',
        'HospitalReimbursementOwed',
        'MEDICAL',
        'BASIC_MEDICAL_INSURANCE_FUND',
        { kind: 'HOSPITAL', hospitalId: 'hospital-county-1' },
        'a-1',
        'm-a1',
        '6800.00',
        '2019-03-11T09:30:00.000Z',
      ],
      [
        '2019-03',
        'HospitalReimbursementOwed',
        'MEDICAL',
        'COMMERCIAL_SUPPLEMENTARY_INSURANCE',
        { kind: 'HOSPITAL', hospitalId: 'hospital-county-1' },
        'a-1',
        'm-a1',
        '1500.50',
        '2019-03-11T09:30:00.000Z',
      ],
      [
        '2019-03',
        'HospitalReimbursementOwed',
        'MEDICAL',
        'MEDICAL_ASSISTANCE_FUND',
        { kind: 'HOSPITAL', hospitalId: 'hospital-county-1' },
        'a-1',
        'm-a1',
        '1200.25',
        '2019-03-11T09:30:00.000Z',
      ],
      [
        '2019-03',
        'HospitalReimbursementOwed',
        'MEDICAL',
        'GOVERNMENT_BACKSTOP_FUND',
        { kind: 'HOSPITAL', hospitalId: 'hospital-county-1' },
        'a-1',
        'm-a1',
        '1299.25',
        '2019-03-11T09:30:00.000Z',
      ],
      [
        '2019-07',
        'BankCardPaymentDue',
        'MEDICAL',
        'BASIC_MEDICAL_INSURANCE_FUND',
        { kind: 'HOUSEHOLD_BANK_CARD', hospitalId: null },
        'a-2',
        'm-a2',
        '2000.10',
        '2019-07-02T08:00:00.000Z',
      ],
      [
        '2019-07',
        'BankCardPaymentDue',
        'MEDICAL',
        'MEDICAL_ASSISTANCE_FUND',
        { kind: 'HOUSEHOLD_BANK_CARD', hospitalId: null },
        'a-2',
        'm-a2',
        '99.95',
        '2019-07-02T08:00:00.000Z',
      ],
    ]);
  });

  it('totals the year by program and fund, and in all', async () => {
    const { totals } = await householdLedger(h.payout.dataSource, 'hh-a', 2019);
    expect(totals).toEqual({
      byProgram: [
        {
          program: 'MEDICAL',
          amount: '12900.05',
          byFund: [
            { fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: '8800.10', lines: 2 },
            { fund: 'COMMERCIAL_SUPPLEMENTARY_INSURANCE', amount: '1500.50', lines: 1 },
            { fund: 'GOVERNMENT_BACKSTOP_FUND', amount: '1299.25', lines: 1 },
            { fund: 'MEDICAL_ASSISTANCE_FUND', amount: '1300.20', lines: 2 },
          ],
        },
      ],
      byFund: [
        { fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: '8800.10' },
        { fund: 'COMMERCIAL_SUPPLEMENTARY_INSURANCE', amount: '1500.50' },
        { fund: 'GOVERNMENT_BACKSTOP_FUND', amount: '1299.25' },
        { fund: 'MEDICAL_ASSISTANCE_FUND', amount: '1300.20' },
      ],
      total: '12900.05',
      lines: 6,
    });
  });

  it('keeps years apart: the 2020 bill is only in the 2020 ledger', async () => {
    const ledger = await householdLedger(h.payout.dataSource, 'hh-a', 2020);
    expect(ledger.lines.map((l) => [l.claimId, l.month])).toEqual(Array(4).fill(['a-3', '2020-01']));
    expect(ledger.totals.total).toBe('10800.00');
  });

  it('answers a household it never paid with an empty ledger', async () => {
    await expect(householdLedger(h.payout.dataSource, 'hh-nobody', 2019)).resolves.toEqual({
      householdId: 'hh-nobody',
      year: 2019,
      lines: [],
      totals: { byProgram: [], byFund: [], total: '0.00', lines: 0 },
    });
  });

  it('has totals equal to the fen to the sum of the lines, for every household, year, program and fund', async () => {
    const { rows } = await h.pool.query(
      `select coalesce(t.household_id, l.household_id) as household_id, t.amount_fen::text as total, l.amount_fen::text as lines, t.lines as counted, l.n
         from ${h.schema}.household_ledger_totals t
         full join (select household_id, year, program, fund, sum(amount_fen) as amount_fen, count(*)::int as n
                      from ${h.schema}.household_ledger_lines group by 1, 2, 3, 4) l
           using (household_id, year, program, fund)`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.total).toBe(r.lines);
      expect(r.counted).toBe(r.n);
    }
  });

  it('applies each event once: catching up again changes nothing', async () => {
    const before = await householdLedger(h.payout.dataSource, 'hh-a', 2019);
    await h.project();
    await expect(householdLedger(h.payout.dataSource, 'hh-a', 2019)).resolves.toEqual(before);
  });
});
