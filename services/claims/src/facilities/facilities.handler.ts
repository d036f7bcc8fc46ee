import { runCommand } from '@aid/event-store';
import type { ClaimsDeps, CommandContext } from '../settle-bill/submit-bill.handler';
import type { FacilityCommand } from './domain/facility.decider';
import { facilityDecider, facilityStream } from './domain/facility.decider';
import { findFacility, writeFacilityRecord, type FacilityRecord } from './facility-records';

/** One registry command through the one handler; the table row is written with the events. */
export async function runFacilityCommand(
  deps: Pick<ClaimsDeps, 'store' | 'pool' | 'schema' | 'newId'>,
  command: FacilityCommand,
  meta: CommandContext,
): Promise<{ facility: FacilityRecord; created: boolean }> {
  const { facilityId, at } = command.data;
  const { events } = await runCommand(
    deps.store,
    facilityDecider,
    { read: [facilityStream(facilityId)] },
    command,
    {
      eventIds: deps.newId,
      metadata: {
        correlationId: meta.correlationId,
        causationId: null,
        actor: meta.actor ?? null,
        partitionKey: `facility:${facilityId}`,
        occurredAt: at,
      },
    },
    { alsoWrite: (client, _events, state) => writeFacilityRecord(client, deps.schema, state) },
  );
  const facility = await findFacility(deps.pool, deps.schema, facilityId);
  if (!facility) throw new Error(`facility ${facilityId} has events but no record`);
  return { facility, created: events.length > 0 };
}
