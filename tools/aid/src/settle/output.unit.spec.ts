import fc from 'fast-check';
import { MAX_AMOUNT_FEN, formatYuan } from '@aid/money';
import { emptyAccumulators, type Settlement } from '@aid/settlement';
import { HeldOutput } from './output';

const aSettlement = (amounts: Partial<Settlement> = {}): Settlement => ({
  basicMedical: 850_000,
  criticalIllness: 0,
  supplementary: 75_050,
  medicalAssistance: 5,
  backstop: 102_500,
  outOfPocket: 120_000,
  accumulators: emptyAccumulators(),
  ...amounts,
});

function released(output: HeldOutput): string {
  const chunks: Buffer[] = [];
  output.release((chunk) => chunks.push(Buffer.from(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** What JSON.stringify makes of the same line: the independent reference. */
function expectedLine(claimId: string, s: Settlement): string {
  const { basicMedical, criticalIllness, supplementary, medicalAssistance, backstop, outOfPocket } = s;
  const amounts = { basicMedical, criticalIllness, supplementary, medicalAssistance, backstop, outOfPocket };
  return (
    JSON.stringify({ claimId, ...Object.fromEntries(Object.entries(amounts).map(([k, v]) => [k, formatYuan(v)])) }) +
    '\n'
  );
}

describe('HeldOutput', () => {
  it('writes one JSON line per settlement, keys in order, yuan with two decimals', () => {
    const output = new HeldOutput();
    output.settlement('X1', aSettlement());
    expect(released(output)).toBe(
      '{"claimId":"X1","basicMedical":"8500.00","criticalIllness":"0.00","supplementary":"750.50",' +
        '"medicalAssistance":"0.05","backstop":"1025.00","outOfPocket":"1200.00"}\n',
    );
  });

  it.each([
    ['a plain id', 'B00000001'],
    ['quotes and backslashes', 'a"b\\c'],
    ['control characters', 'tab\there\u0001'],
    ['Chinese', '兴安盟-理赔-1'],
    ['a lone surrogate', 'x\ud800y'],
  ])('writes the claimId as JSON: %s', (_case, claimId) => {
    const output = new HeldOutput();
    const s = aSettlement({ basicMedical: 100_000_000_000, outOfPocket: 9 });
    output.settlement(claimId, s);
    expect(released(output)).toBe(expectedLine(claimId, s));
  });

  it('keeps every line, in order, and writes nothing once discarded', () => {
    const output = new HeldOutput();
    const ids = Array.from({ length: 1000 }, (_, i) => `C${i}`);
    for (const [i, id] of ids.entries()) output.settlement(id, aSettlement({ backstop: i }));
    expect(released(output)).toBe(ids.map((id, i) => expectedLine(id, aSettlement({ backstop: i }))).join(''));

    const dropped = new HeldOutput();
    dropped.settlement('X', aSettlement());
    dropped.discard();
    expect(released(dropped)).toBe('');
  });

  it('writes every amount from zero to the bound as the codec does (it is a second writer, kept for speed)', () => {
    const amount = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: MAX_AMOUNT_FEN }));
    fc.assert(
      fc.property(fc.array(amount, { minLength: 6, maxLength: 6 }), (a) => {
        const output = new HeldOutput();
        const s = aSettlement({
          basicMedical: a[0],
          criticalIllness: a[1],
          supplementary: a[2],
          medicalAssistance: a[3],
          backstop: a[4],
          outOfPocket: a[5],
        });
        output.settlement('P', s);
        expect(released(output)).toBe(expectedLine('P', s));
      }),
      { numRuns: 300 },
    );
  });
});
