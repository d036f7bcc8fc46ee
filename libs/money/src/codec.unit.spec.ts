import fc from 'fast-check';
import {
  MAX_AMOUNT_FEN,
  MoneyError,
  YUAN_PATTERN,
  fenFromSql,
  formatYuan,
  parseYuan,
  sqlYuanToFen,
  sumFen,
  yuanToFen,
} from './money';

const grammar = new RegExp(YUAN_PATTERN);

/** Strings that look like amounts, and many that nearly do. */
const amountLike = fc.oneof(
  fc.stringMatching(/^-?[0-9]{0,12}(\.[0-9]{0,3})?$/),
  fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', ' ', ','), maxLength: 14 }),
  fc.integer({ min: 0, max: MAX_AMOUNT_FEN + 1000 }).map((fen) => formatYuan(fen)),
);

describe('the yuan grammar', () => {
  it('accepts exactly what parseYuan accepts (the pattern that schemas and SQL use)', () => {
    fc.assert(
      fc.property(amountLike, (text) => {
        expect(grammar.test(text)).toBe(parseYuan(text).ok);
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips every amount from zero to the bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_FEN }), (fen) => {
        expect(parseYuan(formatYuan(fen))).toEqual({ ok: true, value: fen });
      }),
    );
  });

  it('refuses one fen above the bound', () => {
    expect(parseYuan(formatYuan(MAX_AMOUNT_FEN + 1)).ok).toBe(false);
    expect(grammar.test(formatYuan(MAX_AMOUNT_FEN + 1))).toBe(false);
  });
});

describe('yuanToFen', () => {
  it('names the field of a bad amount', () => {
    expect(() => yuanToFen('12.345', 'bill.totalCost')).toThrow(MoneyError);
    expect(() => yuanToFen('12.345', 'bill.totalCost')).toThrow(/^bill\.totalCost: has more than two decimals$/);
  });

  it('reads a good amount', () => {
    expect(yuanToFen('1200.5', 'amount')).toBe(120050);
  });
});

describe('fenFromSql', () => {
  it.each([
    ['0', 0],
    ['-1200', -1200],
    ['900719925474099', 900719925474099],
  ])('reads the bigint text %j', (text, fen) => {
    expect(fenFromSql(text)).toBe(fen);
  });

  it.each([['1.5'], ['abc'], [''], [null], ['99999999999999999999']])('refuses %j', (text) => {
    expect(() => fenFromSql(text, 'total')).toThrow(/^total: /);
  });
});

describe('sumFen', () => {
  it('adds exactly', () => {
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(sumFen([])).toBe(0);
  });

  it('refuses a total that would lose fen', () => {
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('formatYuan', () => {
  it('refuses what is not a whole number of fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
  });
});

describe('sqlYuanToFen', () => {
  it('embeds the one grammar', () => {
    expect(sqlYuanToFen(`e.data->>'amount'`)).toContain(`~ '${YUAN_PATTERN}'`);
  });
});
