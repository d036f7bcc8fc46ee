import { assertNever } from '@aid/event-store';
import type { ContractEvent } from '@aid/contracts';
import type { PoolClient } from 'pg';

/**
 * Applies one enrollment event to the member view, inside the consumer's transaction
 * (which also records the event id, so a redelivery changes nothing).
 */
export async function applyEnrollmentEvent(
  client: Pick<PoolClient, 'query'>,
  schema: string,
  event: ContractEvent<'aid.enrollment.v1'>,
): Promise<void> {
  switch (event.type) {
    case 'HouseholdRegistered': {
      const d = event.data;
      await client.query(
        `insert into ${schema}.mv_households (household_id, region, registered_on, categories) values ($1, $2, $3, $4)
         on conflict (household_id) do update set region = excluded.region, registered_on = excluded.registered_on,
           categories = excluded.categories`,
        [d.householdId, d.region, d.registeredOn, d.categories],
      );
      return;
    }
    case 'MemberAdded': {
      const d = event.data;
      await client.query(
        `insert into ${schema}.mv_members (member_id, household_id, added_on, categories) values ($1, $2, $3, $4)
         on conflict (member_id) do update set household_id = excluded.household_id, added_on = excluded.added_on,
           categories = excluded.categories`,
        [d.memberId, d.householdId, d.addedOn, d.categories],
      );
      return;
    }
    case 'MemberInsured':
      await client.query(
        `insert into ${schema}.mv_insurance (member_id, year) values ($1, $2) on conflict do nothing`,
        [event.data.memberId, event.data.year],
      );
      return;
    case 'DiseaseCertified': {
      const d = event.data;
      await client.query(
        `insert into ${schema}.mv_diseases (member_id, kind, disease_code, certified_on) values ($1, $2, $3, $4)
         on conflict (member_id, kind, disease_code) do update set certified_on = least(${schema}.mv_diseases.certified_on, excluded.certified_on)`,
        [d.memberId, d.kind, d.diseaseCode, d.certifiedOn],
      );
      return;
    }
    default:
      assertNever(event, 'enrollment event');
  }
}
