import { formatYuan, MoneyFormatError, parseFen, parseYuan, sumFen, tryParseYuan } from './money';

describe('money: yuan strings at the edges, integer fen inside', () => {
  it.each([
    ['0', 0n],
    ['0.00', 0n],
    ['0.5', 50n],
    ['0.05', 5n],
    ['12', 1200n],
    ['1200.50', 120050n],
    ['8500.00', 850000n],
    ['999999999999999.99', 99999999999999999n],
  ])('parses %p as %p fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each(['', '-1.00', '1.005', '1.', '.5', '1,000.00', '1e3', ' 1.00', '0x10', '1.0.0'])('refuses %p', (text) => {
    expect(tryParseYuan(text)).toBeNull();
    expect(() => parseYuan(text)).toThrow(MoneyFormatError);
  });

  it('refuses what is not a string', () => {
    expect(tryParseYuan(12.5)).toBeNull();
    expect(tryParseYuan(null)).toBeNull();
  });

  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [50n, '0.50'],
    [100n, '1.00'],
    [120050n, '1200.50'],
    [-120050n, '-1200.50'],
    [-5n, '-0.05'],
    [99999999999999999n, '999999999999999.99'],
  ])('formats %p fen as %p', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('formats a SQL bigint given as a decimal string', () => {
    expect(formatYuan('123456789012345678')).toBe('1234567890123456.78');
    expect(() => parseFen('12.5')).toThrow(MoneyFormatError);
  });

  it('round-trips: format(parse(x)) is x written with two decimals, parse(format(f)) is f', () => {
    for (const text of ['0', '0.1', '0.01', '3', '10.4', '6800.00', '1299.25', '100000000.99']) {
      const fen = parseYuan(text);
      const formatted = formatYuan(fen);
      expect(formatted).toMatch(/^\d+\.\d{2}$/);
      expect(parseYuan(formatted)).toBe(fen);
    }
    for (let fen = 0n; fen < 100_000n; fen += 997n) expect(parseYuan(formatYuan(fen))).toBe(fen);
  });

  it('sums exactly where floats would not: 0.10 + 0.20 is 0.30', () => {
    expect(formatYuan(sumFen([parseYuan('0.10'), parseYuan('0.20')]))).toBe('0.30');
    expect(formatYuan(sumFen(Array.from({ length: 1000 }, () => parseYuan('0.01'))))).toBe('10.00');
  });
});
