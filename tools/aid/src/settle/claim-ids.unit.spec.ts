import fc from 'fast-check';
import { keyBytes } from './byte-keys';
import { ClaimIds } from './claim-ids';

function repeatsOf(ids: readonly string[], expected?: number) {
  const claims = new ClaimIds(expected);
  ids.forEach((id, i) => {
    const bytes = keyBytes(id);
    claims.add(bytes, 0, bytes.length, i + 1);
  });
  return claims.repeats();
}

describe('ClaimIds', () => {
  it('finds no repeat among distinct ids', () => {
    expect(repeatsOf(['C1', 'C2', 'C10', ''])).toEqual([]);
  });

  it('names each repeat with the line of the first occurrence, in line order', () => {
    expect(repeatsOf(['A', 'B', 'A', 'C', 'B', 'A'])).toEqual([
      { line: 3, firstLine: 1, claimId: 'A' },
      { line: 5, firstLine: 2, claimId: 'B' },
      { line: 6, firstLine: 1, claimId: 'A' },
    ]);
  });

  it('keeps ids apart that only UTF-8 would confuse, and gives them back as they were', () => {
    expect(repeatsOf(['\ud800', '\ud801', '\ud800', '成员'])).toEqual([{ line: 3, firstLine: 1, claimId: '\ud800' }]);
  });

  it('agrees with a Map on any sequence of ids, through growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 2000 }),
        fc.integer({ min: 0, max: 50 }),
        (ids, expected) => {
          const first = new Map<string, number>();
          const reference: { line: number; firstLine: number; claimId: string }[] = [];
          ids.forEach((id, i) => {
            const seen = first.get(id);
            if (seen === undefined) first.set(id, i + 1);
            else reference.push({ line: i + 1, firstLine: seen, claimId: id });
          });
          expect(repeatsOf(ids, expected)).toEqual(reference);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('finds the one repeat among a million ids', () => {
    const claims = new ClaimIds();
    const line = Buffer.alloc(16);
    for (let i = 1; i <= 1_000_000; i++) {
      const length = line.write(`B${i}`);
      claims.add(line, 0, length, i);
    }
    const again = Buffer.from('B777777');
    claims.add(again, 0, again.length, 1_000_001);
    expect(claims.repeats()).toEqual([{ line: 1_000_001, firstLine: 777_777, claimId: 'B777777' }]);
  });
});
