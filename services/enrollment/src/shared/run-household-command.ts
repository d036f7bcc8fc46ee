import { handleCommand, WrongExpectedVersionError, type CommandContext } from '@aid/event-store';
import { CommandRefused } from '@aid/platform';
import type { PoolClient } from 'pg';
import type { HouseholdCommand } from '../domain/commands';
import type { HouseholdEvent } from '../domain/events';
import { householdDecider, householdStreamId } from '../domain/household';
import { HouseholdRefusal, type RefusalKind } from '../domain/refusal';
import type { CommandMeta } from './command-meta';
import type { EnrollmentDeps } from './deps';

const STATUS: Record<RefusalKind, 404 | 409 | 422> = { NOT_FOUND: 404, CONFLICT: 409, RULE: 422 };
// Each round of a race has one winner, so n commands at once on one household need up to n
// attempts; five let the sixth of six concurrent commands fail (seen in CI).
const MAX_ATTEMPTS = 10;

/**
 * Decides a command on its household stream and appends what it decided. With `alsoWrite`,
 * the append and the caller's own writes (personal data, the member lookup) commit in one
 * PostgreSQL transaction: all or nothing. A concurrent change to the same household makes
 * the append meet a newer version; the whole transaction is then decided again.
 */
export async function runHouseholdCommand(
  deps: EnrollmentDeps,
  command: HouseholdCommand,
  meta: CommandMeta,
  alsoWrite?: (client: PoolClient, events: HouseholdEvent[]) => Promise<void>,
): Promise<HouseholdEvent[]> {
  const householdId = command.data.householdId;
  const streamId = householdStreamId(householdId);
  const context: CommandContext = {
    eventIds: deps.newId,
    metadata: {
      partitionKey: householdId,
      correlationId: meta.correlationId,
      causationId: meta.causationId,
      occurredAt: meta.occurredAt,
    },
  };
  try {
    if (!alsoWrite) return (await handleCommand(deps.store, streamId, householdDecider, command, context)).events;
    for (let attempt = 1; ; attempt++) {
      const client = await deps.pool.connect();
      try {
        await client.query('begin');
        const { events } = await handleCommand(deps.store, streamId, householdDecider, command, context, { client });
        await alsoWrite(client, events);
        await client.query('commit');
        return events;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        if (err instanceof WrongExpectedVersionError && attempt < MAX_ATTEMPTS) continue;
        throw err;
      } finally {
        client.release();
      }
    }
  } catch (err) {
    if (err instanceof HouseholdRefusal) throw new CommandRefused(err.code, err.message, STATUS[err.kind]);
    if (err instanceof WrongExpectedVersionError) {
      throw new CommandRefused('CONCURRENT_CHANGE', `household ${householdId} kept changing; try again`, 409);
    }
    throw err;
  }
}
