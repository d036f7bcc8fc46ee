import type { Fund } from '@aid/contracts';
import { formatYuan, sumFen, type Fen } from '@aid/money';
import type { ListLine } from './daily-list';

/**
 * Why a claim and fund do not agree between the hospital's list and our settlements:
 * MISSING_HERE — the hospital lists it, we recorded no such settlement;
 * MISSING_THERE — we recorded it, the hospital did not list it;
 * AMOUNT_DIFFERS — both have it, for different amounts;
 * MEMBER_DIFFERS — both have it, for different members (whatever the amounts).
 */
export const DIFFERENCE_REASONS = ['MISSING_HERE', 'MISSING_THERE', 'AMOUNT_DIFFERS', 'MEMBER_DIFFERS'] as const;
export type DifferenceReason = (typeof DIFFERENCE_REASONS)[number];

export interface Mismatch {
  claimId: string;
  fund: Fund;
  reason: DifferenceReason;
  /** Ours when we have it, else theirs. */
  memberId: string;
  ours: Fen | null;
  theirs: Fen | null;
}

const keyOf = (l: Pick<ListLine, 'claimId' | 'fund'>): string => `${l.claimId}\u0000${l.fund}`;

/**
 * Our payables of a hospital's day against the lines it listed, claim and fund by claim and
 * fund: every pair that does not agree, ordered by claim then fund. Each side has at most one
 * line per claim and fund (the file's reading and the payables' decider see to it).
 */
export function matchDailyList(ours: readonly ListLine[], theirs: readonly ListLine[]): Mismatch[] {
  const theirsByKey = new Map(theirs.map((l) => [keyOf(l), l]));
  const out: Mismatch[] = [];
  for (const o of ours) {
    const t = theirsByKey.get(keyOf(o));
    theirsByKey.delete(keyOf(o));
    const base = { claimId: o.claimId, fund: o.fund, memberId: o.memberId, ours: o.amount };
    if (!t) out.push({ ...base, reason: 'MISSING_THERE', theirs: null });
    else if (t.memberId !== o.memberId) out.push({ ...base, reason: 'MEMBER_DIFFERS', theirs: t.amount });
    else if (t.amount !== o.amount) out.push({ ...base, reason: 'AMOUNT_DIFFERS', theirs: t.amount });
  }
  for (const t of theirsByKey.values()) {
    out.push({
      claimId: t.claimId,
      fund: t.fund,
      memberId: t.memberId,
      reason: 'MISSING_HERE',
      ours: null,
      theirs: t.amount,
    });
  }
  return out.sort((a, b) =>
    a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : a.fund < b.fund ? -1 : a.fund > b.fund ? 1 : 0,
  );
}

/** Control totals of one side: how many lines and how much, in all and per fund (funds in name order). */
export interface ListTotals {
  lines: number;
  total: string;
  byFund: { fund: Fund; lines: number; amount: string }[];
}

export function listTotals(lines: readonly ListLine[]): ListTotals {
  const byFund = new Map<Fund, Fen[]>();
  for (const l of lines) {
    const amounts = byFund.get(l.fund) ?? [];
    amounts.push(l.amount);
    byFund.set(l.fund, amounts);
  }
  return {
    lines: lines.length,
    total: formatYuan(sumFen(lines.map((l) => l.amount))),
    byFund: [...byFund.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([fund, amounts]) => ({ fund, lines: amounts.length, amount: formatYuan(sumFen(amounts)) })),
  };
}
