import type { DataSource } from 'typeorm';
import { fenFromSql, formatYuan, sumFen, type Fen } from '@aid/money';
import type { Payee, Programme } from '../record-payables/domain/payout-events';
import { LedgerLineEntity, LedgerTotalEntity } from './ledger.entities';

export interface LedgerLineView {
  eventId: string;
  type: string;
  month: string;
  program: Programme;
  fund: string;
  payee: { kind: Payee; hospitalId: string | null };
  claimId: string;
  memberId: string;
  amount: string;
  occurredAt: string;
}

export interface HouseholdLedgerView {
  householdId: string;
  year: number;
  /** Every payout to the household in the year, by month then in the order they were recorded. */
  lines: LedgerLineView[];
  totals: {
    byProgram: { program: Programme; amount: string; byFund: { fund: string; amount: string; lines: number }[] }[];
    byFund: { fund: string; amount: string }[];
    total: string;
    lines: number;
  };
}

/**
 * A household's aid ledger for one year: its lines and its totals, read in one snapshot so
 * that the totals are always the sum of the lines shown. A household payout has never paid
 * has an empty ledger (payout does not know which households exist: enrollment does).
 */
export async function householdLedger(
  dataSource: DataSource,
  householdId: string,
  year: number,
): Promise<HouseholdLedgerView> {
  const [lines, totals] = await dataSource.transaction(
    'REPEATABLE READ',
    async (m) =>
      [
        await m.find(LedgerLineEntity, { where: { householdId, year }, order: { month: 'ASC', eventPosition: 'ASC' } }),
        await m.find(LedgerTotalEntity, { where: { householdId, year }, order: { program: 'ASC', fund: 'ASC' } }),
      ] as const,
  );
  const byProgram = new Map<
    Programme,
    { program: Programme; fen: Fen; byFund: { fund: string; amount: string; lines: number }[] }
  >();
  const byFund = new Map<string, Fen>();
  let total: Fen = 0;
  let lineCount = 0;
  for (const t of totals) {
    const fen = fenFromSql(t.amountFen, 'household_ledger_totals.amount_fen');
    const p = byProgram.get(t.program) ?? { program: t.program, fen: 0, byFund: [] };
    p.fen = sumFen([p.fen, fen]);
    p.byFund.push({ fund: t.fund, amount: formatYuan(fen), lines: t.lines });
    byProgram.set(t.program, p);
    byFund.set(t.fund, sumFen([byFund.get(t.fund) ?? 0, fen]));
    total = sumFen([total, fen]);
    lineCount += t.lines;
  }
  return {
    householdId,
    year,
    lines: lines.map((l) => ({
      eventId: l.eventId,
      type: l.eventType,
      month: l.month,
      program: l.program,
      fund: l.fund,
      payee: { kind: l.payeeKind, hospitalId: l.hospitalId },
      claimId: l.claimId,
      memberId: l.memberId,
      amount: formatYuan(fenFromSql(l.amountFen, 'household_ledger_lines.amount_fen')),
      occurredAt: l.occurredAt.toISOString(),
    })),
    totals: {
      byProgram: [...byProgram.values()].map((p) => ({
        program: p.program,
        amount: formatYuan(p.fen),
        byFund: p.byFund,
      })),
      byFund: [...byFund]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([fund, fen]) => ({ fund, amount: formatYuan(fen) })),
      total: formatYuan(total),
      lines: lineCount,
    },
  };
}
