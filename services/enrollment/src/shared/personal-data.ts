import { conflict } from '@aid/event-store/decider';
import type { Pool, PoolClient } from 'pg';

/**
 * The erasable side of a member. Nothing here writes a name or an ID number anywhere but
 * `member_personal_data`, and no error message repeats them.
 */
export interface PersonalData {
  name: string;
  /** The full number: only masked copies leave the service. */
  idNumber: string;
}

const UNIQUE_VIOLATION = '23505';

/** Records a new member's household and personal data, inside the caller's transaction. */
export async function recordMember(
  client: PoolClient,
  schema: string,
  member: { memberId: string; householdId: string } & PersonalData,
): Promise<void> {
  try {
    await client.query(`insert into ${schema}.member_households (member_id, household_id) values ($1, $2)`, [
      member.memberId,
      member.householdId,
    ]);
    await client.query(
      `insert into ${schema}.member_personal_data (member_id, household_id, name, id_number) values ($1, $2, $3, $4)`,
      [member.memberId, member.householdId, member.name, member.idNumber],
    );
  } catch (err) {
    const pgErr = err as { code?: string; constraint?: string };
    if (pgErr.code === UNIQUE_VIOLATION && pgErr.constraint === 'member_personal_data_id_number_key') {
      throw conflict('ID_NUMBER_ALREADY_REGISTERED', 'this ID number is already registered to another member');
    }
    if (pgErr.code === UNIQUE_VIOLATION && pgErr.constraint === 'member_households_pkey') {
      throw conflict('MEMBER_ALREADY_EXISTS', `member ${member.memberId} already exists`);
    }
    throw err;
  }
}

/**
 * After a decision: a new member is recorded; a repeated command (nothing decided) must
 * carry the same name and ID number as the member it repeats, else it is another person.
 */
export async function recordOrConfirmMember(
  client: PoolClient,
  schema: string,
  member: { memberId: string; householdId: string } & PersonalData,
  decided: readonly unknown[],
): Promise<void> {
  if (decided.length > 0) return recordMember(client, schema, member);
  const { rows } = await client.query<{ name: string; id_number: string }>(
    `select name, id_number from ${schema}.member_personal_data where member_id = $1`,
    [member.memberId],
  );
  if (rows[0]?.name !== member.name || rows[0]?.id_number !== member.idNumber) {
    throw conflict('MEMBER_ALREADY_EXISTS', `member ${member.memberId} already exists with other personal data`);
  }
}

export async function erasePersonalData(client: PoolClient, schema: string, memberId: string): Promise<void> {
  await client.query(`delete from ${schema}.member_bank_cards where member_id = $1`, [memberId]);
  await client.query(`delete from ${schema}.member_personal_data where member_id = $1`, [memberId]);
}

/** A member's bank card on file (预留银行卡). The number never leaves the service unmasked. */
export interface BankCard {
  cardReference: string;
  cardNumber: string;
  bankName: string;
  holderName: string;
}

/** Puts `card` on file for the member, replacing any card before it, inside the caller's transaction. */
export async function storeBankCard(
  client: PoolClient,
  schema: string,
  memberId: string,
  card: BankCard,
): Promise<void> {
  await client.query(
    `insert into ${schema}.member_bank_cards (member_id, card_reference, card_number, bank_name, holder_name)
     values ($1, $2, $3, $4, $5)
     on conflict (member_id) do update set card_reference = excluded.card_reference, card_number = excluded.card_number,
       bank_name = excluded.bank_name, holder_name = excluded.holder_name, recorded_at = now()`,
    [memberId, card.cardReference, card.cardNumber, card.bankName, card.holderName],
  );
}

export async function loadBankCards(
  pool: Pool,
  schema: string,
  memberIds: readonly string[],
): Promise<Map<string, BankCard>> {
  const { rows } = await pool.query<{
    member_id: string;
    card_reference: string;
    card_number: string;
    bank_name: string;
    holder_name: string;
  }>(
    `select member_id, card_reference, card_number, bank_name, holder_name from ${schema}.member_bank_cards
     where member_id = any($1::text[])`,
    [memberIds],
  );
  return new Map(
    rows.map((r) => [
      r.member_id,
      { cardReference: r.card_reference, cardNumber: r.card_number, bankName: r.bank_name, holderName: r.holder_name },
    ]),
  );
}

export async function householdOfMember(pool: Pool, schema: string, memberId: string): Promise<string | null> {
  const { rows } = await pool.query<{ household_id: string }>(
    `select household_id from ${schema}.member_households where member_id = $1`,
    [memberId],
  );
  return rows[0]?.household_id ?? null;
}

export async function loadPersonalData(
  pool: Pool,
  schema: string,
  memberIds: readonly string[],
): Promise<Map<string, PersonalData>> {
  const { rows } = await pool.query<{ member_id: string; name: string; id_number: string }>(
    `select member_id, name, id_number from ${schema}.member_personal_data where member_id = any($1::text[])`,
    [memberIds],
  );
  return new Map(rows.map((r) => [r.member_id, { name: r.name, idNumber: r.id_number }]));
}
