import { sqlYuanToFen } from '@aid/money';
import { ident, type ProjectionDefinition } from '../projection/projection';
import { RECEIVABLES_EVENT_TYPES } from './domain/receivables-evolve';
import { HospitalReceivables1764000000001 } from './migrations/1764000000001-hospital-receivables';
import { ReceivableEntity } from './receivables.entities';

/**
 * What each fund owes each hospital, by year and disbursement month (日对账、月拨付): every
 * reimbursement owed to a hospital adds to its fund's amount for the month (`evolve` in
 * domain/receivables-evolve.ts; this is the same in set-based SQL). One upsert per batch.
 */
export const hospitalReceivablesProjection = {
  name: 'hospital-receivables',
  subscriptionId: 'projection:hospital-receivables',
  tables: [{ name: 'hospital_receivables', key: ['hospital_id', 'year', 'month', 'fund'] }],
  eventTypes: RECEIVABLES_EVENT_TYPES,
  migrations: [HospitalReceivables1764000000001],
  entities: [ReceivableEntity],
  statements: (target, source) => [
    `insert into ${ident(target)}.hospital_receivables as r (hospital_id, year, month, fund, owed_fen, lines)
     select e.data->>'hospitalId', (e.data->>'year')::integer, e.data->>'month', e.data->>'fund',
            sum(${sqlYuanToFen(`e.data->>'amount'`)}), count(*)
       from (${source}) e
      where e.event_type = 'HospitalReimbursementOwed'
      group by 1, 2, 3, 4
     on conflict (hospital_id, year, month, fund)
     do update set owed_fen = r.owed_fen + excluded.owed_fen, lines = r.lines + excluded.lines`,
  ],
} as const satisfies ProjectionDefinition<'hospital-receivables'>;
