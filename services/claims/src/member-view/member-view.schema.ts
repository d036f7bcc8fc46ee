/**
 * Claims' own view of members, built from enrollment's events (aid.enrollment.v1): what a
 * bill needs to know about its patient on the date of service. Claims never reads
 * enrollment's tables.
 */
export function memberViewDdl(schema: string): string {
  return `
create table if not exists ${schema}.mv_households (
  household_id text primary key,
  region text not null,
  registered_on date not null,
  categories text[] not null
);
create table if not exists ${schema}.mv_members (
  member_id text primary key,
  household_id text not null references ${schema}.mv_households (household_id),
  added_on date not null,
  categories text[] not null
);
create table if not exists ${schema}.mv_insurance (
  member_id text not null references ${schema}.mv_members (member_id),
  year integer not null,
  primary key (member_id, year)
);
create table if not exists ${schema}.mv_diseases (
  member_id text not null references ${schema}.mv_members (member_id),
  kind text not null,
  disease_code text not null,
  certified_on date not null,
  primary key (member_id, kind, disease_code)
);`;
}
