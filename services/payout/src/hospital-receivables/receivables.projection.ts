import { fenOf, ident, type Projection } from '../projection/projection';

/**
 * What each fund owes each hospital, by year and disbursement month (日对账、月拨付): every
 * reimbursement owed to a hospital adds to its fund's amount for the month. Bank card
 * payments owe no hospital and leave it unchanged. One upsert per batch.
 */
export const hospitalReceivablesProjection: Projection = {
  name: 'hospital-receivables',
  subscriptionId: 'projection:hospital-receivables',
  tables: [{ name: 'hospital_receivables', key: ['hospital_id', 'year', 'month', 'fund'] }],
  eventTypes: ['HospitalReimbursementOwed'],
  statements: (target, source) => [
    `insert into ${ident(target)}.hospital_receivables as r (hospital_id, year, month, fund, owed_fen, lines)
     select e.data->>'hospitalId', (e.data->>'year')::integer, e.data->>'month', e.data->>'fund',
            sum(${fenOf(`e.data->>'amount'`)}), count(*)
       from (${source}) e
      where e.event_type = 'HospitalReimbursementOwed'
      group by 1, 2, 3, 4
     on conflict (hospital_id, year, month, fund)
     do update set owed_fen = r.owed_fen + excluded.owed_fen, lines = r.lines + excluded.lines`,
  ],
};
