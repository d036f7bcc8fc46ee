import type { CalendarDate, Fund } from '@aid/contracts';
import { assertSchemaName } from '@aid/event-store';
import { yuanToFen } from '@aid/money';
import type { Pool } from 'pg';
import type { ListLine } from './domain/daily-list';

/**
 * What payout recorded as owed to a hospital for bills discharged (settled in one stop) on
 * one day: one line per claim and fund, read from payout's own HospitalReimbursementOwed
 * events (always current, no projection in between). Payables stored before the day was kept
 * have none and are on no day's list.
 *
 * It reads the events table by type, hospital and day in JSON: a scan of the reimbursements,
 * once per upload and per view. A read model by hospital and day would replace it if that
 * grows slow (docs/adr/0014).
 */
export async function ourPayablesOfDay(
  pool: Pick<Pool, 'query'>,
  schema: string,
  hospitalId: string,
  day: CalendarDate,
): Promise<ListLine[]> {
  assertSchemaName(schema);
  const { rows } = await pool.query<{ claim_id: string; member_id: string; fund: Fund; amount: string }>(
    `select e.data->>'claimId' as claim_id, e.data->>'memberId' as member_id,
            e.data->>'fund' as fund, e.data->>'amount' as amount
       from ${schema}.events e
      where e.event_type = 'HospitalReimbursementOwed'
        and e.data->>'hospitalId' = $1 and e.data->>'day' = $2
      order by e.data->>'claimId', e.data->>'fund'`,
    [hospitalId, day],
  );
  return rows.map((r) => ({
    claimId: r.claim_id,
    memberId: r.member_id,
    fund: r.fund,
    amount: yuanToFen(r.amount, `HospitalReimbursementOwed(${r.claim_id}).amount`),
  }));
}
