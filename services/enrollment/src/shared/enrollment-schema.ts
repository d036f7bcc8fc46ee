import { assertSchemaName } from '@aid/event-store';
import type { Pool } from 'pg';

/**
 * The enrollment service's own tables, beside its event store in the same schema:
 * - `member_households`: member id → household id, so that commands addressed to a member
 *   find the stream. No personal data.
 * - `member_personal_data`: the erasable store of names and ID numbers (never in events).
 *   An ID number belongs to one member only (unique). Forgetting a person deletes the row.
 * Both are written in the same transaction as the append of the member's `MemberAdded`.
 * - `member_bank_cards`: the erasable store of a member's bank card on file (number, bank,
 *   holder), under the random reference the events name. Written with `BankCardRegistered`
 *   or `BankCardChanged`, deleted with the rest of the personal data. Not unique by number:
 *   members of one household are often paid to the same card.
 */
export function enrollmentDdl(schema: string): string {
  const s = assertSchemaName(schema);
  return `
create table if not exists ${s}.member_households (
  member_id text primary key,
  household_id text not null
);
create index if not exists member_households_household on ${s}.member_households (household_id);

create table if not exists ${s}.member_personal_data (
  member_id text primary key references ${s}.member_households (member_id),
  household_id text not null,
  name text not null,
  id_number text not null,
  recorded_at timestamptz not null default now(),
  constraint member_personal_data_id_number_key unique (id_number)
);

create table if not exists ${s}.member_bank_cards (
  member_id text primary key references ${s}.member_households (member_id),
  card_reference text not null,
  card_number text not null,
  bank_name text not null,
  holder_name text not null,
  recorded_at timestamptz not null default now()
);
`;
}

export async function migrateEnrollmentSchema(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`aid-ledger:enrollment:${schema}`]);
    await client.query(`create schema if not exists ${assertSchemaName(schema)}`);
    await client.query(enrollmentDdl(schema));
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
