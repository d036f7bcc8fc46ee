import { fenOf, ident, type Projection } from '../projection/projection';

/**
 * The household aid ledger: one line per payout event (every yuan, by program, fund and
 * payee), and the totals per household and year, by program and fund, which are the sums of
 * the lines. Every payout event pays under the MEDICAL program for now; PREMIUM_SUBSIDY,
 * TEMPORARY_ASSISTANCE and LIVING_ALLOWANCE lines will come from their own events.
 *
 * Live, one statement per batch: the lines are inserted, and their sums added to the totals
 * with one upsert. A rebuild inserts every line first, then sums them all into the (empty)
 * totals with the same statement, before either table gets its keys and indexes.
 */
export const householdLedgerProjection: Projection = {
  name: 'household-ledger',
  subscriptionId: 'projection:household-ledger',
  tables: [
    { name: 'household_ledger_lines', key: ['event_id'], bulkLoaded: true },
    { name: 'household_ledger_totals', key: ['household_id', 'year', 'program', 'fund'], bulkLoaded: true },
  ],
  eventTypes: ['HospitalReimbursementOwed', 'BankCardPaymentDue'],
  statements: (target, source) => [
    `with lines as (${insertLines(target, source)} returning household_id, year, program, fund, amount_fen)
     ${addToTotals(target, 'lines')}`,
  ],
  replay: {
    statements: (target, source) => [insertLines(target, source)],
    // The totals start empty: every sum is a new row, and the keys are added after.
    finish: (target) => [addToTotals(target, `${ident(target)}.household_ledger_lines`, { fromEmpty: true })],
    concurrent: true,
  },
};

/** The lines of the money events among `source`'s: the ledger's evolve. */
function insertLines(target: string, source: string): string {
  return `insert into ${ident(target)}.household_ledger_lines
      (event_id, event_position, event_type, household_id, year, month, program, fund, payee_kind,
       hospital_id, claim_id, member_id, amount_fen, occurred_at)
    select e.event_id, e.global_position, e.event_type,
           e.data->>'householdId', (e.data->>'year')::integer, e.data->>'month',
           'MEDICAL', e.data->>'fund',
           case e.event_type when 'HospitalReimbursementOwed' then 'HOSPITAL' else 'HOUSEHOLD_BANK_CARD' end,
           case e.event_type when 'HospitalReimbursementOwed' then e.data->>'hospitalId' end,
           e.data->>'claimId', e.data->>'memberId',
           ${fenOf(`e.data->>'amount'`)},
           coalesce((e.metadata->>'occurredAt')::timestamptz, e.recorded_at)
      from (${source}) e
     where e.event_type in ('HospitalReimbursementOwed', 'BankCardPaymentDue')`;
}

/** Adds the sums of `lines` (a relation of ledger lines) to the totals. */
function addToTotals(target: string, lines: string, options: { fromEmpty?: boolean } = {}): string {
  return `insert into ${ident(target)}.household_ledger_totals as total (household_id, year, program, fund, amount_fen, lines)
    select household_id, year, program, fund, sum(amount_fen), count(*)
      from ${lines}
     group by household_id, year, program, fund
    ${
      options.fromEmpty
        ? ''
        : `on conflict (household_id, year, program, fund)
    do update set amount_fen = total.amount_fen + excluded.amount_fen, lines = total.lines + excluded.lines`
    }`;
}
