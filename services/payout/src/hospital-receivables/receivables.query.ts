import type { DataSource } from 'typeorm';
import { fenFromSql, formatYuan, sumFen, type Fen } from '@aid/money';
import { ReceivableEntity } from './receivables.entities';

export interface HospitalReceivablesView {
  hospitalId: string;
  year: number;
  /** Each disbursement month of the year with something owed, in order. */
  months: { month: string; byFund: { fund: string; amount: string; lines: number }[]; total: string }[];
  /** The year per fund: what each fund owes the hospital. */
  byFund: { fund: string; amount: string; lines: number }[];
  total: string;
}

/**
 * What each fund owes a hospital for one year, month by month. A hospital nothing is owed
 * to has empty months and a zero total.
 */
export async function hospitalReceivables(
  dataSource: DataSource,
  hospitalId: string,
  year: number,
): Promise<HospitalReceivablesView> {
  const rows = await dataSource.getRepository(ReceivableEntity).find({
    where: { hospitalId, year },
    order: { month: 'ASC', fund: 'ASC' },
  });
  const months = new Map<
    string,
    { month: string; byFund: { fund: string; amount: string; lines: number }[]; fen: Fen }
  >();
  const byFund = new Map<string, { fen: Fen; lines: number }>();
  let total: Fen = 0;
  for (const r of rows) {
    const fen = fenFromSql(r.owedFen, 'hospital_receivables.owed_fen');
    const m = months.get(r.month) ?? { month: r.month, byFund: [], fen: 0 };
    m.byFund.push({ fund: r.fund, amount: formatYuan(fen), lines: r.lines });
    m.fen = sumFen([m.fen, fen]);
    months.set(r.month, m);
    const f = byFund.get(r.fund) ?? { fen: 0, lines: 0 };
    f.fen = sumFen([f.fen, fen]);
    f.lines += r.lines;
    byFund.set(r.fund, f);
    total = sumFen([total, fen]);
  }
  return {
    hospitalId,
    year,
    months: [...months.values()].map((m) => ({ month: m.month, byFund: m.byFund, total: formatYuan(m.fen) })),
    byFund: [...byFund]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([fund, f]) => ({ fund, amount: formatYuan(f.fen), lines: f.lines })),
    total: formatYuan(total),
  };
}
