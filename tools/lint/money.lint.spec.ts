import { fixture, isFixture, repositoryFiles } from './repository';
import { MONEY_ALLOWED, isScannedForMoney, moneyFindings, type MoneyFinding } from './money';

const allowed = (f: MoneyFinding) => MONEY_ALLOWED.some((a) => f.at.startsWith(`${a.path}:`) && a.rule === f.rule);
const sources = repositoryFiles().filter((f) => !isFixture(f) && isScannedForMoney(f));

describe('one money codec: @aid/money', () => {
  it('is the only place that converts between yuan and fen', () => {
    expect(sources.length).toBeGreaterThan(100);
    const offenders = sources.flatMap(moneyFindings).filter((f) => !allowed(f));
    expect(offenders.map((f) => `${f.at} [${f.rule}] ${f.line}`)).toEqual([]);
  });

  it('allows a conversion elsewhere only where the list says why, and every entry still has its use', () => {
    const findings = sources.flatMap(moneyFindings);
    for (const entry of MONEY_ALLOWED) {
      expect(entry.why.length).toBeGreaterThan(20);
      expect([entry.path, findings.some((f) => f.at.startsWith(`${entry.path}:`) && f.rule === entry.rule)]).toEqual([
        entry.path,
        true,
      ]);
    }
  });

  it('bites: every rule fires on the fixture, on the lines that break it and no others', () => {
    const found = moneyFindings(fixture('second-codec.ts.txt', 'services/x/src/pay.ts'));
    const linesOf = (rule: string) => found.filter((f) => f.rule === rule).map((f) => Number(f.at.split(':')[1]));
    expect({
      'two-decimals-pattern': linesOf('two-decimals-pattern'),
      hundred: linesOf('hundred'),
      'drop-the-dot': linesOf('drop-the-dot'),
      'pad-cents': linesOf('pad-cents'),
      'bigint-money': linesOf('bigint-money'),
      float: linesOf('float'),
      'float-format': linesOf('float-format'),
      'own-codec-function': linesOf('own-codec-function'),
    }).toEqual({
      'two-decimals-pattern': [3, 4],
      hundred: [5, 8, 10, 12],
      'drop-the-dot': [6],
      'pad-cents': [7],
      'bigint-money': [8],
      float: [9],
      'float-format': [6, 10, 12],
      'own-codec-function': [6, 11],
    });
    expect(found.filter((f) => Number(f.at.split(':')[1]) >= 13)).toEqual([]);
  });

  it('leaves the codec itself alone', () => {
    expect(isScannedForMoney({ path: 'libs/money/src/money.ts', text: '' })).toBe(false);
    expect(isScannedForMoney({ path: 'bench/settle.mjs', text: '' })).toBe(true);
  });
});
