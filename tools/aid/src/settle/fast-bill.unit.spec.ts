import fc from 'fast-check';
import { formatYuan } from '@aid/money';
import { CATEGORIES, FACILITY_LEVELS, VISIT_TYPES, parseBill, type Bill } from '@aid/settlement';
import { FastBillDecoder } from './fast-bill';

/** The ordinary way: JSON.parse then parseBill; undefined when the line is refused. */
function ordinary(line: string): Bill | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = parseBill(raw);
  return parsed.ok ? parsed.bill : undefined;
}

/** Settlement looks only at the set of categories, so compare bills with their categories as a set. */
const comparable = (bill: Bill) => ({ ...bill, categories: [...new Set(bill.categories)].sort() });

function fast(line: string, decoder = new FastBillDecoder()): Bill | undefined {
  const bytes = Buffer.from(line, 'utf8');
  return decoder.decode(bytes, 0, bytes.length);
}

const aRawBill = {
  claimId: 'X1',
  memberId: 'M1',
  serviceDate: '2019-02-10',
  visitType: 'INPATIENT',
  facilityLevel: 'SECONDARY',
  inCounty: true,
  totalCost: '12000.00',
  eligibleCost: '10000.5',
  categories: ['POOR', 'LOW_INCOME'],
  insured: true,
  majorDisease: false,
};
const aLine = JSON.stringify(aRawBill);

describe('FastBillDecoder', () => {
  it('decodes a plain line exactly as JSON.parse and parseBill do', () => {
    expect(fast(aLine)).toEqual(ordinary(aLine));
    expect(fast(aLine)?.totalCost).toBe(1_200_000);
    expect(fast(aLine)?.eligibleCost).toBe(1_000_050);
  });

  it('takes white space and any key order', () => {
    const spaced = `  {\t"majorDisease" : false , "claimId":"X1", ${aLine.slice(1, -1).replace('"claimId":"X1",', '').replace(',"majorDisease":false', '')} }\r `;
    expect(fast(spaced)).toEqual(ordinary(spaced));
  });

  it('shares one date string and one category list between bills', () => {
    const decoder = new FastBillDecoder();
    const a = fast(aLine, decoder);
    const b = fast(aLine.replace('"X1"', '"X2"'), decoder);
    expect(a?.serviceDate).toBe(b?.serviceDate);
    expect(a?.categories).toBe(b?.categories);
    expect(Object.isFrozen(a?.categories)).toBe(true);
  });

  it('never reads past the end of the line it is given', () => {
    const truncated = aLine.slice(0, -1); // no closing brace …
    const bytes = Buffer.from(`${truncated}}`); // … but one lies just beyond the end
    expect(new FastBillDecoder().decode(bytes, 0, truncated.length)).toBeUndefined();
    const withoutDay = Buffer.from(aLine.replace('"2019-02-10"', '"2019-02-1'));
    expect(new FastBillDecoder().decode(withoutDay, 0, withoutDay.indexOf('2019-02-1') + 9)).toBeUndefined();
  });

  it.each([
    ['an escape in a string', aLine.replace('"X1"', '"X\\u0031"')],
    ['non-ASCII text', aLine.replace('"M1"', '"成员1"')],
    ['a repeated key', aLine.replace('{', '{"claimId":"X0",')],
    ['an unknown key', aLine.replace('{', '{"note":"x",')],
    ['a missing key', aLine.replace(',"insured":true', '')],
    ['an amount as a number', aLine.replace('"12000.00"', '12000')],
    ['an amount with three decimals', aLine.replace('"12000.00"', '"12000.001"')],
    ['a huge amount', aLine.replace('"12000.00"', '"100000000000"')],
    ['E > T', aLine.replace('"10000.5"', '"12000.01"')],
    ['a date that does not exist', aLine.replace('2019-02-10', '2019-02-30')],
    ['an unknown category', aLine.replace('"LOW_INCOME"', '"LOW"')],
    ['an empty claimId', aLine.replace('"X1"', '""')],
    ['a trailing comma', aLine.replace('}', ',}')],
    ['two objects', aLine + aLine],
    ['nothing', ''],
  ])('leaves %s to the ordinary way', (_case, line) => {
    expect(fast(line)).toBeUndefined();
  });

  describe('agrees with the ordinary way on anything it accepts', () => {
    /** Mostly valid values, now and then an invalid one. */
    const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) =>
      fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: invalid, weight: 1 });
    const oddText = fc.string({ unit: fc.constantFrom(...'AB1 -_"\\é\u0001'.split('')), minLength: 0, maxLength: 6 });
    const fen = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1e11 }));
    const oddAmount = fc.constantFrom('01', '1.', '.5', '-1', '1e3', '1.234', '', '100000000000.01');
    const bill = fc.record({
      claimId: mostly(fc.stringMatching(/^[A-Z][0-9]{1,6}$/), oddText),
      memberId: mostly(fc.stringMatching(/^M[0-9]{1,6}$/), oddText),
      serviceDate: mostly(
        fc
          .date({ min: new Date('1999-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom('2019-02-29', '2019-13-01', '2019-1-01', '20190101'),
      ),
      visitType: mostly(fc.constantFrom(...VISIT_TYPES), fc.constantFrom('OUTPATIENT', '')),
      facilityLevel: mostly(fc.constantFrom(...FACILITY_LEVELS), fc.constant('primary')),
      inCounty: mostly(fc.boolean(), fc.constantFrom('true', 1, null)),
      totalCost: fen,
      eligibleCost: fen,
      oddAmount: mostly(fc.constant(null), oddAmount),
      categories: mostly(fc.array(fc.constantFrom(...CATEGORIES), { maxLength: 5 }), fc.constantFrom(['RICH'], 'POOR')),
      insured: fc.boolean(),
      majorDisease: mostly(fc.boolean(), fc.constant(0)),
    });
    /** A JSON line of the bill with its keys in some order, now and then one dropped or doubled, with some white space. */
    const line = fc
      .record({
        bill,
        order: mostly(
          fc.shuffledSubarray(Object.keys(aRawBill), { minLength: 11 }),
          fc.shuffledSubarray(Object.keys(aRawBill), { minLength: 10 }),
        ),
        extra: mostly(fc.constant(null), fc.constantFrom('claimId', 'x')),
        space: fc.constantFrom('', '', '', ' ', '\t', ' \r'),
      })
      .map(({ bill: { oddAmount: odd, totalCost, eligibleCost, ...b }, order, extra, space }) => {
        // Amounts as "12.50", and at times as short as they go: "12.5", "12".
        const short = (fen: number) => (fen % 7 === 0 ? formatYuan(fen).replace(/\.?0+$/, '') : formatYuan(fen));
        const values: Record<string, unknown> = {
          ...b,
          totalCost: short(Math.max(totalCost, eligibleCost)),
          eligibleCost: odd ?? short(Math.min(totalCost, eligibleCost)),
        };
        const pairs = order.map((k) => `${JSON.stringify(k)}:${space}${JSON.stringify(values[k])}`);
        if (extra) pairs.push(`"${extra}":"X9"`);
        return `${space}{${pairs.join(`,${space}`)}}${space}`;
      });
    /** And damaged: a byte changed or the line cut short. */
    const damaged = fc
      .tuple(line, fc.nat(), fc.integer({ min: 0, max: 127 }), fc.boolean())
      .map(([l, at, code, cut]) => {
        const i = at % Math.max(1, l.length);
        return cut ? l.slice(0, i) : l.slice(0, i) + String.fromCharCode(code) + l.slice(i + 1);
      });

    it('random and damaged lines', () => {
      let accepted = 0;
      fc.assert(
        fc.property(fc.oneof(line, damaged), (text) => {
          const quick = fast(text);
          if (quick === undefined) return;
          accepted++;
          const slow = ordinary(text);
          expect(slow).toBeDefined();
          expect(comparable(quick)).toEqual(comparable(slow!));
        }),
        { numRuns: 5000 },
      );
      // The property must not hold only because little was accepted.
      expect(accepted).toBeGreaterThan(500);
    });

    it('takes the fast path for every well-formed plain line', () => {
      fc.assert(
        fc.property(
          fc.record({
            id: fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/),
            t: fc.integer({ min: 0, max: 1e11 }),
            e: fc.integer({ min: 0, max: 1e11 }),
          }),
          ({ id, t, e }) => {
            const text = JSON.stringify({
              ...aRawBill,
              claimId: id,
              totalCost: formatYuan(Math.max(t, e)),
              eligibleCost: formatYuan(Math.min(t, e)),
            });
            expect(fast(text)).toEqual(ordinary(text));
          },
        ),
        { numRuns: 1000 },
      );
    });
  });
});
