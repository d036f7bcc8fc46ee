import { sqlYuanToFen } from '@aid/money';
import { ident, type ProjectionDefinition } from '../projection/projection';
import { sqlOccurredAt, sqlPayee, sqlProgramme } from '../record-payables/payout-events.sql';
import { LEDGER_EVENT_TYPES } from './domain/ledger-evolve';
import { LedgerLineEntity, LedgerTotalEntity } from './ledger.entities';
import { HouseholdLedger1764000000000 } from './migrations/1764000000000-household-ledger';

/**
 * The household aid ledger: one line per payout event (every yuan, by programme, fund and
 * payee), and the totals per household and year, by programme and fund, which are the sums
 * of the lines. What the rows are is `evolve` in domain/ledger-evolve.ts; this is the same,
 * in set-based SQL. Programme and payee come from the event (read as MEDICAL and the payee
 * of its type when stored before events carried them).
 *
 * Live, one statement per batch: the lines are inserted, and their sums added to the totals
 * with one upsert. A rebuild inserts every line first, then sums them all into the (empty)
 * totals with the same statement, before either table gets its keys and indexes.
 */
export const householdLedgerProjection = {
  name: 'household-ledger',
  subscriptionId: 'projection:household-ledger',
  tables: [
    { name: 'household_ledger_lines', key: ['event_id'], bulkLoaded: true },
    { name: 'household_ledger_totals', key: ['household_id', 'year', 'program', 'fund'], bulkLoaded: true },
  ],
  eventTypes: LEDGER_EVENT_TYPES,
  migrations: [HouseholdLedger1764000000000],
  entities: [LedgerLineEntity, LedgerTotalEntity],
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
} as const satisfies ProjectionDefinition<'household-ledger'>;

const EVENT_TYPES = LEDGER_EVENT_TYPES.map((t) => `'${t}'`).join(', ');

/** The lines of the ledger's events among `source`'s. */
function insertLines(target: string, source: string): string {
  return `insert into ${ident(target)}.household_ledger_lines
      (event_id, event_position, event_type, household_id, year, month, program, fund, payee_kind,
       hospital_id, claim_id, member_id, amount_fen, occurred_at)
    select e.event_id, e.global_position, e.event_type,
           e.data->>'householdId', (e.data->>'year')::integer, e.data->>'month',
           ${sqlProgramme('e')}, e.data->>'fund', ${sqlPayee('e')},
           case ${sqlPayee('e')} when 'HOSPITAL' then e.data->>'hospitalId' end,
           e.data->>'claimId', e.data->>'memberId',
           ${sqlYuanToFen(`e.data->>'amount'`)},
           ${sqlOccurredAt('e')}
      from (${source}) e
     where e.event_type in (${EVENT_TYPES})`;
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
