import type { Pool, PoolClient } from 'pg';
import type { FacilityState } from './domain/facility.decider';
import type { Facility, FacilityLevel } from './domain/facility-events';

/**
 * The registry as a table in claims' schema, written in the same transaction as the
 * facility's events (so a bill never sees a designation the store does not hold), and read
 * by every bill: a bill does not lock or fold the facility's stream.
 */
export function facilitiesDdl(schema: string): string {
  return `
create table if not exists ${schema}.facilities (
  facility_id text primary key,
  name text not null,
  level text not null,
  county text not null,
  region text not null,
  in_county boolean not null,
  designated_from date not null,
  designated_until date,
  accounts jsonb not null,
  status text not null,
  end_reason text
);`;
}

export type FacilityRecord = Facility & { status: 'DESIGNATED' | 'ENDED'; endReason: string | null };

export async function writeFacilityRecord(
  client: Pick<PoolClient, 'query'>,
  schema: string,
  state: FacilityState,
): Promise<void> {
  if (state.status === 'unknown') return;
  const f = state.facility;
  await client.query(
    `insert into ${schema}.facilities
       (facility_id, name, level, county, region, in_county, designated_from, designated_until, accounts, status, end_reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (facility_id) do update set name = excluded.name, level = excluded.level, county = excluded.county,
       region = excluded.region, in_county = excluded.in_county, designated_from = excluded.designated_from,
       designated_until = excluded.designated_until, accounts = excluded.accounts, status = excluded.status,
       end_reason = excluded.end_reason`,
    [
      f.facilityId,
      f.name,
      f.level,
      f.county,
      f.region,
      f.inCounty,
      f.designatedFrom,
      f.designatedUntil,
      JSON.stringify(f.accounts),
      state.status === 'ended' ? 'ENDED' : 'DESIGNATED',
      state.status === 'ended' ? state.reason : null,
    ],
  );
}

const COLUMNS = `facility_id, name, level, county, region, in_county, to_char(designated_from, 'YYYY-MM-DD') as designated_from,
  to_char(designated_until, 'YYYY-MM-DD') as designated_until, accounts, status, end_reason`;

function recordOf(row: Record<string, unknown>): FacilityRecord {
  return {
    facilityId: row.facility_id as string,
    name: row.name as string,
    level: row.level as FacilityLevel,
    county: row.county as string,
    region: row.region as string,
    inCounty: row.in_county as boolean,
    designatedFrom: row.designated_from as string,
    designatedUntil: (row.designated_until as string | null) ?? null,
    accounts: row.accounts as Facility['accounts'],
    status: row.status as FacilityRecord['status'],
    endReason: (row.end_reason as string | null) ?? null,
  };
}

export async function findFacility(
  pool: Pick<Pool, 'query'>,
  schema: string,
  facilityId: string,
): Promise<FacilityRecord | null> {
  const { rows } = await pool.query(`select ${COLUMNS} from ${schema}.facilities where facility_id = $1`, [facilityId]);
  return rows[0] ? recordOf(rows[0]) : null;
}

export async function listFacilities(
  pool: Pick<Pool, 'query'>,
  schema: string,
  filter: { region?: string } = {},
): Promise<FacilityRecord[]> {
  const { rows } = await pool.query(
    `select ${COLUMNS} from ${schema}.facilities where ($1::text is null or region = $1) order by facility_id`,
    [filter.region ?? null],
  );
  return rows.map(recordOf);
}
