import fc from 'fast-check';
import { formatYuan, sumFen } from '@aid/money';
import { FUNDS, type ListLine } from './daily-list';
import { listTotals, matchDailyList } from './matching';

/** A day's list: distinct claim and fund pairs, each with a non-zero amount. */
const aList = fc.uniqueArray(
  fc.record({
    claimId: fc.integer({ min: 0, max: 40 }).map((n) => `claim-${n}`),
    memberId: fc.integer({ min: 0, max: 5 }).map((n) => `member-${n}`),
    fund: fc.constantFrom(...FUNDS),
    amount: fc.integer({ min: 1, max: 100_000_000 }),
  }),
  { selector: (l) => `${l.claimId}/${l.fund}`, maxLength: 30 },
);
const aNonEmptyList = aList.filter((l) => l.length > 0);
const shuffled = (lines: ListLine[], seed: number): ListLine[] =>
  lines
    .map((l, i) => ({ l, k: (i * 7919 + seed) % 104729 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.l);

describe('matching a hospital day against our payables', () => {
  it('finds no difference between a list and itself, in any order', () => {
    fc.assert(
      fc.property(aList, fc.nat(), (lines, seed) => expect(matchDailyList(lines, shuffled(lines, seed))).toEqual([])),
    );
  });

  it('finds exactly one MISSING_THERE when the hospital leaves out one of our lines', () => {
    fc.assert(
      fc.property(aNonEmptyList, fc.nat(), (ours, pick) => {
        const gone = ours[pick % ours.length];
        expect(
          matchDailyList(
            ours,
            ours.filter((l) => l !== gone),
          ),
        ).toEqual([
          {
            claimId: gone.claimId,
            fund: gone.fund,
            memberId: gone.memberId,
            reason: 'MISSING_THERE',
            ours: gone.amount,
            theirs: null,
          },
        ]);
      }),
    );
  });

  it('finds exactly one MISSING_HERE when the hospital lists a line we have not', () => {
    fc.assert(
      fc.property(aNonEmptyList, fc.nat(), (theirs, pick) => {
        const extra = theirs[pick % theirs.length];
        expect(
          matchDailyList(
            theirs.filter((l) => l !== extra),
            theirs,
          ),
        ).toEqual([
          {
            claimId: extra.claimId,
            fund: extra.fund,
            memberId: extra.memberId,
            reason: 'MISSING_HERE',
            ours: null,
            theirs: extra.amount,
          },
        ]);
      }),
    );
  });

  it('finds exactly one AMOUNT_DIFFERS when one amount is changed, naming both amounts', () => {
    fc.assert(
      fc.property(aNonEmptyList, fc.nat(), fc.integer({ min: 1, max: 1_000_000 }), (ours, pick, by) => {
        const i = pick % ours.length;
        const theirs = ours.map((l, n) => (n === i ? { ...l, amount: l.amount + by } : l));
        const { claimId, fund, memberId, amount } = ours[i];
        expect(matchDailyList(ours, theirs)).toEqual([
          { claimId, fund, memberId, reason: 'AMOUNT_DIFFERS', ours: amount, theirs: amount + by },
        ]);
      }),
    );
  });

  it('finds a MEMBER_DIFFERS when the hospital names another member for a claim', () => {
    const ours: ListLine[] = [{ claimId: 'c-1', memberId: 'm-1', fund: 'MEDICAL_ASSISTANCE_FUND', amount: 100 }];
    expect(matchDailyList(ours, [{ ...ours[0], memberId: 'm-2' }])).toEqual([
      {
        claimId: 'c-1',
        fund: 'MEDICAL_ASSISTANCE_FUND',
        memberId: 'm-1',
        reason: 'MEMBER_DIFFERS',
        ours: 100,
        theirs: 100,
      },
    ]);
  });

  it('accounts for every line: matched lines plus differences cover both sides, and the totals agree to the fen', () => {
    fc.assert(
      fc.property(aList, aList, (ours, theirs) => {
        const differences = matchDailyList(ours, theirs);
        const key = (l: { claimId: string; fund: string }) => `${l.claimId}/${l.fund}`;
        const keys = new Set([...ours, ...theirs].map(key));
        const differing = new Set(differences.map(key));
        expect(differing.size).toBe(differences.length);
        for (const k of keys) {
          const o = ours.find((l) => key(l) === k);
          const t = theirs.find((l) => key(l) === k);
          const agree = o && t && o.amount === t.amount && o.memberId === t.memberId;
          expect(differing.has(k)).toBe(!agree);
        }
        const ourSum = sumFen(ours.map((l) => l.amount));
        expect(listTotals(ours).total).toBe(formatYuan(ourSum));
        expect(listTotals(ours).byFund.reduce((s, f) => s + f.lines, 0)).toBe(ours.length);
      }),
    );
  });
});
