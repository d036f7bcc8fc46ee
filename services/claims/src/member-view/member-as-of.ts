import type { Category } from '@aid/settlement';
import type { Pool } from 'pg';
import type { Patient } from '../settle-bill/domain/claim.decider';

/**
 * What a bill needs to know about its patient on the date of service. Categories: the
 * household's from its registration, and the member's own from being added.
 */
export type MemberOnDate = Patient & { memberId: string };

const ORDER: readonly Category[] = ['EXTREME_POOR', 'POOR', 'LOW_INCOME', 'MARGINAL'];

export async function memberAsOf(
  pool: Pick<Pool, 'query'>,
  schema: string,
  memberId: string,
  date: string,
): Promise<MemberOnDate | null> {
  const { rows } = await pool.query(
    `select m.member_id, m.household_id, h.region,
            case when h.registered_on <= $2::date then h.categories else '{}'::text[] end as household_categories,
            case when m.added_on <= $2::date then m.categories else '{}'::text[] end as member_categories,
            exists (select 1 from ${schema}.mv_insurance i where i.member_id = m.member_id and i.year = extract(year from $2::date)) as insured,
            exists (select 1 from ${schema}.mv_diseases d where d.member_id = m.member_id and d.kind = 'MAJOR' and d.certified_on <= $2::date) as major,
            exists (select 1 from ${schema}.mv_diseases d where d.member_id = m.member_id and d.kind = 'CHRONIC' and d.certified_on <= $2::date) as chronic
       from ${schema}.mv_members m join ${schema}.mv_households h using (household_id)
      where m.member_id = $1`,
    [memberId, date],
  );
  const row = rows[0];
  if (!row) return null;
  const all = new Set<string>([...row.household_categories, ...row.member_categories]);
  return {
    memberId: row.member_id,
    householdId: row.household_id,
    region: row.region,
    categories: ORDER.filter((c) => all.has(c)),
    insured: row.insured,
    majorDisease: row.major,
    chronicDisease: row.chronic,
  };
}
