import type { Fund } from '@aid/contracts';
import { assertSchemaName } from '@aid/event-store';
import { foldRecorded } from '@aid/event-store/decider';
import { yuanToFen } from '@aid/money';
import type { Pool } from 'pg';
import { coveredPayables, paymentRunDecider, paymentRunStreamPrefix, type RunPayable } from './domain/payment-run';

/**
 * The position a run is computed at: the last event, in the store's commit-safe order
 * (transaction, position), of the transactions older than the oldest one still running. Every
 * event up to it is committed and no event will ever be recorded before it, so the payables
 * read up to it are the same whenever they are read again (docs/adr/0015). Null: an empty store.
 */
export async function runHorizon(pool: Pick<Pool, 'query'>, schema: string): Promise<string | null> {
  assertSchemaName(schema);
  const { rows } = await pool.query<{ position: string }>(
    `select global_position::text as position from ${schema}.events
      where transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      order by transaction_id desc, global_position desc limit 1`,
  );
  return rows[0]?.position ?? null;
}

/**
 * A fund's payables of a month, read from payout's own payable events up to a position (in
 * commit-safe order), or all of them with no position: hospitals' reimbursements and the
 * out-of-county households' bank-card payments.
 */
export async function runPayables(
  pool: Pick<Pool, 'query'>,
  schema: string,
  fund: Fund,
  month: string,
  upTo: string | null,
): Promise<RunPayable[]> {
  assertSchemaName(schema);
  const { rows } = await pool.query<{
    event_id: string;
    event_type: 'HospitalReimbursementOwed' | 'BankCardPaymentDue';
    hospital_id: string | null;
    household_id: string;
    amount: string;
  }>(
    `select e.event_id::text as event_id, e.event_type, e.data->>'hospitalId' as hospital_id,
            e.data->>'householdId' as household_id, e.data->>'amount' as amount
       from ${schema}.events e
      where e.event_type in ('HospitalReimbursementOwed', 'BankCardPaymentDue')
        and e.data->>'fund' = $1 and e.data->>'month' = $2
        and ($3::bigint is null or (e.transaction_id, e.global_position) <=
             ((select h.transaction_id from ${schema}.events h where h.global_position = $3::bigint), $3::bigint))
      order by e.transaction_id, e.global_position`,
    [fund, month, upTo],
  );
  return rows.map((r) => {
    const toHospital = r.event_type === 'HospitalReimbursementOwed';
    return {
      eventId: r.event_id,
      payee: toHospital ? 'HOSPITAL' : 'HOUSEHOLD_BANK_CARD',
      payeeId: toHospital ? (r.hospital_id ?? '') : r.household_id,
      fund,
      month,
      amount: yuanToFen(r.amount, `${r.event_type}(${r.event_id}).amount`),
    };
  });
}

/** The payables that the fund's other runs, prepared or approved, already order. */
export async function coveredByOtherRuns(
  pool: Pick<Pool, 'query'>,
  schema: string,
  fund: Fund,
  runId: string,
): Promise<string[]> {
  assertSchemaName(schema);
  const { rows } = await pool.query<{ stream_id: string; event_type: string; data: unknown }>(
    `select stream_id, event_type, data from ${schema}.events
      where starts_with(stream_id, $1) and stream_id <> $2
      order by stream_id, stream_version`,
    [paymentRunStreamPrefix(fund), runId],
  );
  const byStream = new Map<string, { type: string; data: unknown }[]>();
  for (const r of rows)
    byStream.set(r.stream_id, [...(byStream.get(r.stream_id) ?? []), { type: r.event_type, data: r.data }]);
  return [...byStream.values()].flatMap((events) => {
    const state = foldRecorded(paymentRunDecider, events);
    return state.status === 'Prepared' || state.status === 'Approved' ? coveredPayables(state.run) : [];
  });
}
