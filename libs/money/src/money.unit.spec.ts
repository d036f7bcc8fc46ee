import {
  MAX_AMOUNT_FEN,
  RATE_SCALE,
  applyRate,
  divideRoundHalfUp,
  formatRate,
  formatYuan,
  parseRate,
  parseYuan,
  type Parsed,
} from './money';

function reasonOf<T>(parsed: Parsed<T>): string {
  if (parsed.ok) throw new Error(`expected a refusal, got ${String(parsed.value)}`);
  return parsed.reason;
}

describe('parseYuan', () => {
  it.each([
    ['12000.00', 1_200_000],
    ['0.5', 50],
    ['3', 300],
    ['0', 0],
    ['0.01', 1],
    ['1000000000', MAX_AMOUNT_FEN],
    ['1000000000.00', MAX_AMOUNT_FEN],
  ])('reads %j as %d fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, value: fen });
  });

  it.each([
    ['12.345', 'more than two decimals'],
    ['0.001', 'more than two decimals'],
    ['-1', 'below zero'],
    ['-0.01', 'below zero'],
    ['1000000000.01', 'above the largest supported amount 1000000000.00'],
    ['99999999999999999999', 'above the largest supported amount'],
    ['', 'not a yuan amount'],
    ['.5', 'not a yuan amount'],
    ['007.10', 'no leading zeros'],
    ['00', 'no leading zeros'],
    ['5.', 'not a yuan amount'],
    ['1,000', 'not a yuan amount'],
    ['1e3', 'not a yuan amount'],
    [' 1', 'not a yuan amount'],
    ['+1', 'not a yuan amount'],
    ['NaN', 'not a yuan amount'],
  ])('refuses %j: %s', (text, reason) => {
    expect(reasonOf(parseYuan(text))).toContain(reason);
  });

  it.each([[12000], [null], [true], [['1']], [{}]])('refuses the non-string %j', (value) => {
    expect(reasonOf(parseYuan(value))).toMatch(/must be a yuan amount as a string/);
  });
});

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [123456, '1234.56'],
    [MAX_AMOUNT_FEN, '1000000000.00'],
  ])('writes %d fen as %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('round-trips every amount it writes', () => {
    for (const fen of [0, 5, 50, 505, 123_456_789, MAX_AMOUNT_FEN - 1])
      expect(parseYuan(formatYuan(fen))).toEqual({ ok: true, value: fen });
  });
});

describe('parseRate', () => {
  it.each([
    ['0.75', 7500],
    ['1', RATE_SCALE],
    ['1.0000', RATE_SCALE],
    ['0', 0],
    ['0.0001', 1],
    ['0.1234', 1234],
  ])('reads %j as %d ten-thousandths', (text, rate) => {
    expect(parseRate(text)).toEqual({ ok: true, value: rate });
  });

  it.each([
    ['1.0001', 'outside [0, 1]'],
    ['2', 'outside [0, 1]'],
    ['-0.1', 'outside [0, 1]'],
    ['0.12345', 'more than four decimals'],
    ['75%', 'not a rate'],
    ['', 'not a rate'],
  ])('refuses %j: %s', (text, reason) => {
    expect(reasonOf(parseRate(text))).toContain(reason);
  });

  it('refuses a number, which YAML would have read as a float', () => {
    expect(reasonOf(parseRate(0.75))).toContain('must be a rate as a string');
  });

  it('writes rates back in their shortest form', () => {
    expect([7500, 10000, 0, 1, 1230].map(formatRate)).toEqual(['0.75', '1', '0', '0.0001', '0.123']);
  });
});

describe('rounding: half up to a whole fen, once', () => {
  it.each([
    // amount (fen) × rate (ten-thousandths) = exact product in 1/10,000 fen → rounded
    [1, 5000, 1], // 0.5 fen rounds up
    [1, 4999, 0], // 0.4999 fen rounds down
    [3, 5000, 2], // 1.5 → 2
    [5, 5000, 3], // 2.5 → 3 (half up, not half to even)
    [299999, 9000, 269999], // 2999.99 yuan × 0.9 = 2699.991 → 2699.99
    [123, 3333, 41], // 40.9959 → 41
    [0, 7500, 0],
    [777, RATE_SCALE, 777],
  ])('%d fen × %d/10000 → %d fen', (amount, rate, fen) => {
    expect(applyRate(amount, rate)).toBe(fen);
  });

  it('divides exactly even where floating point division would not', () => {
    // 2^53 − 1 = 9007199254740991; /10000 = 900719925474.0991 → 900719925474
    expect(divideRoundHalfUp(Number.MAX_SAFE_INTEGER, RATE_SCALE)).toBe(900719925474);
    expect(divideRoundHalfUp(15_000, RATE_SCALE)).toBe(2);
    expect(divideRoundHalfUp(14_999, RATE_SCALE)).toBe(1);
  });

  it('stays exact at the largest amount and rate (the bound money.ts argues)', () => {
    expect(MAX_AMOUNT_FEN * RATE_SCALE).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    expect(applyRate(MAX_AMOUNT_FEN, RATE_SCALE)).toBe(MAX_AMOUNT_FEN);
    expect(applyRate(MAX_AMOUNT_FEN - 1, 9999)).toBe(Number((BigInt(MAX_AMOUNT_FEN - 1) * 9999n + 5000n) / 10000n));
  });
});
