import { runCommand } from '@aid/event-store';
import type { PoolClient } from 'pg';
import type { HouseholdCommand } from '../domain/commands';
import type { HouseholdEvent } from '../domain/events';
import { householdDecider, householdStreamId } from '../domain/household';
import type { HouseholdState } from '../domain/state';
import type { CommandMeta } from './command-meta';
import type { EnrollmentDeps } from './deps';

/**
 * Decides a command on its household stream and appends what it decided; with `alsoWrite`,
 * the caller's own writes (personal data, the member lookup) commit in the same
 * transaction; they see the events decided and the state after them. Commands on one household wait for each other (docs/adr/0007).
 */
export async function runHouseholdCommand(
  deps: EnrollmentDeps,
  command: HouseholdCommand,
  meta: CommandMeta,
  alsoWrite?: (client: PoolClient, events: HouseholdEvent[], state: HouseholdState) => Promise<void>,
): Promise<HouseholdEvent[]> {
  const householdId = command.data.householdId;
  const { events } = await runCommand(
    deps.store,
    householdDecider,
    { read: [householdStreamId(householdId)] },
    command,
    {
      eventIds: deps.newId,
      metadata: {
        partitionKey: householdId,
        correlationId: meta.correlationId,
        causationId: meta.causationId,
        actor: meta.actor,
        occurredAt: meta.occurredAt,
      },
    },
    { alsoWrite },
  );
  return events;
}
