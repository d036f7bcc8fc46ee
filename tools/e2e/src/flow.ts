import { sumFen, yuanToFen, type Fen } from '@aid/money';
import { bearer, testToken, waitFor } from '@aid/testing';
import { DEMO_BILLS, DEMO_HOUSEHOLDS } from '../../embedded/src/demo-data';
import { loadDemo, type ServiceUrls } from '../../embedded/src/load-demo';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are read field by field
export async function getJson<T = any>(url: string): Promise<{ status: number; body: T }> {
  // The auditor reads everything and writes nothing: the flow's checks are an audit.
  const res = await fetch(url, { headers: bearer('auditor') });
  return { status: res.status, body: (await res.json()) as T };
}

interface Statement {
  claimId: string;
  status: string;
  householdId: string;
  hospitalId: string;
  year: number;
  inCounty: boolean;
  payee: string;
  layers: { layer: string; fund: string; amount: string }[];
  outOfPocket: string;
  totalCost: string;
}

/**
 * The whole path, as agencies and hospitals would walk it: register, enroll, certify,
 * submit bills, then read every household's ledger and every hospital's receivables, and
 * check them to the fen against the settlements.
 */
export async function runBillToLedgerFlow(urls: ServiceUrls): Promise<{ statements: Statement[] }> {
  expect(await loadDemo(urls, (role) => testToken(role))).toBe(true);

  const statements: Statement[] = [];
  for (const bill of DEMO_BILLS) {
    const { status, body } = await getJson<Statement>(`${urls.claims}/claims/${bill.claimId}`);
    expect(status).toBe(200);
    expect(body.status).toBe('SETTLED');
    const sum = sumFen([
      ...body.layers.map((l) => yuanToFen(l.amount, 'layers[].amount')),
      yuanToFen(body.outOfPocket, 'outOfPocket'),
    ]);
    expect(sum).toBe(yuanToFen(body.totalCost, 'totalCost'));
    statements.push(body);
  }

  // The worked examples of docs/settlement.md, on a real household: X1, then X3 on X1's accumulators.
  const amounts = (s: Statement) => [...s.layers.map((l) => l.amount), s.outOfPocket];
  expect(amounts(statements[0])).toEqual(['8500.00', '0.00', '750.00', '525.00', '1025.00', '1200.00']);
  expect(amounts(statements[1])).toEqual(['41400.00', '18825.00', '4887.50', '3421.25', '0.00', '11466.25']);
  expect(statements[1].payee).toBe('HOUSEHOLD_BANK_CARD');
  expect(amounts(statements[2])).toEqual(['480.00', '240.00', '40.00', '28.00', '12.00', '0.00']);

  // Every household's ledger equals, to the fen, the settlements of its members' bills.
  for (const h of DEMO_HOUSEHOLDS) {
    const mine = statements.filter((s) => s.householdId === h.householdId);
    for (const year of [...new Set(mine.map((s) => s.year))]) {
      const expected = new Map<string, Fen>();
      let lines = 0;
      for (const s of mine.filter((x) => x.year === year)) {
        for (const l of s.layers) {
          const amount = yuanToFen(l.amount, 'layers[].amount');
          if (amount === 0) continue;
          expected.set(l.fund, (expected.get(l.fund) ?? 0) + amount);
          lines += 1;
        }
      }
      const ledger = await waitFor(async () => {
        const { body } = await getJson(`${urls.payout}/households/${h.householdId}/ledger?year=${year}`);
        return body.lines?.length === lines ? body : null;
      }, 60_000);
      const actual = new Map<string, Fen>(
        ledger.totals.byFund.map((f: { fund: string; amount: string }) => [
          f.fund,
          yuanToFen(f.amount, 'totals.byFund[].amount'),
        ]),
      );
      expect(actual).toEqual(expected);
      const total = yuanToFen(ledger.totals.total, 'totals.total');
      expect(total).toBe(sumFen([...expected.values()]));
      expect(sumFen(ledger.lines.map((l: { amount: string }) => yuanToFen(l.amount, 'lines[].amount')))).toBe(total);
    }
  }

  // Each hospital that advanced money is owed, per fund, what its in-county bills' layers paid.
  for (const hospitalId of [...new Set(statements.filter((s) => s.inCounty).map((s) => s.hospitalId))]) {
    const bills = statements.filter((s) => s.inCounty && s.hospitalId === hospitalId);
    const year = bills[0].year;
    const expected = new Map<string, Fen>();
    for (const s of bills)
      for (const l of s.layers) {
        const amount = yuanToFen(l.amount, 'layers[].amount');
        if (amount > 0) expected.set(l.fund, (expected.get(l.fund) ?? 0) + amount);
      }
    // Receivables are a projection of their own, and may still be catching up with the ledger.
    const expectedTotal = sumFen([...expected.values()]);
    const body = await waitFor(async () => {
      const { body: r } = await getJson(`${urls.payout}/hospitals/${hospitalId}/receivables?year=${year}`);
      return yuanToFen(r.total, 'total') === expectedTotal ? r : null;
    }, 60_000).catch(
      async () => (await getJson(`${urls.payout}/hospitals/${hospitalId}/receivables?year=${year}`)).body,
    );
    expect(
      new Map(
        body.byFund.map((f: { fund: string; amount: string }) => [f.fund, yuanToFen(f.amount, 'byFund[].amount')]),
      ),
    ).toEqual(expected);
  }

  // Out of county, the money is due to the household's bank card, not to the hospital.
  const outOfCounty = statements.find((s) => !s.inCounty)!;
  const { body: payables } = await getJson(`${urls.payout}/claims/${outOfCounty.claimId}/payables`);
  expect(payables.payee).toBe('HOUSEHOLD_BANK_CARD');
  expect(payables.payables.map((p: { type: string }) => p.type)).toEqual(
    outOfCounty.layers.filter((l) => yuanToFen(l.amount, 'layers[].amount') > 0).map(() => 'BankCardPaymentDue'),
  );
  const { body: hospital } = await getJson(
    `${urls.payout}/hospitals/${outOfCounty.hospitalId}/receivables?year=${outOfCounty.year}`,
  );
  expect(hospital.total).toBe('0.00');

  return { statements };
}
