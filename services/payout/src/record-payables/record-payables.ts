import type { BillSettledV1, EventEnvelope } from '@aid/contracts';
import { derivedEventId, runCommand, type CommandStore, type HandledCommand } from '@aid/event-store';
import { topicConsumer, TOPICS, type Worker } from '@aid/platform';
import type { MessageBus } from '@aid/messaging';
import type { Pool, PoolClient } from 'pg';
import {
  payablesDecider,
  payablesStreamId,
  type PayablesEvent,
  type PayablesState,
  type RecordPayables,
} from './domain/payables';

/** Names the consumer group on `aid.claims.v1` and its idempotency marks. */
export const RECORD_PAYABLES_CONSUMER = 'payout.record-payables';

/**
 * Records what a settled bill leaves owing, on the claim's stream, inside the caller's
 * transaction (the one that marks the BillSettled event processed).
 *
 * The events' ids derive from the BillSettled event's id, so however often the settlement is
 * delivered the store keeps each payable once; the decider also ignores a settlement it has
 * already recorded, and refuses another settlement of the same claim. Two deliveries racing
 * for one claim's stream meet a WrongExpectedVersionError, which is retriable: the consumer
 * tries the message again and the second one finds it recorded.
 */
export async function recordPayables(
  store: CommandStore,
  client: PoolClient,
  settlement: BillSettledV1,
  envelope: Pick<EventEnvelope, 'eventId' | 'correlationId' | 'occurredAt'>,
): Promise<HandledCommand<PayablesState, PayablesEvent>> {
  const command: RecordPayables = { type: 'RecordPayables', data: { settlementEventId: envelope.eventId, settlement } };
  // The decision is a pure function of the settlement, so the n-th event it makes is the same
  // event on every delivery, and gets the same id.
  let n = 0;
  return runCommand(
    store,
    payablesDecider,
    { read: [payablesStreamId(settlement.claimId)] },
    command,
    {
      eventIds: () => derivedEventId(envelope.eventId, 'payout.payables', String(n++)),
      metadata: {
        correlationId: envelope.correlationId,
        causationId: envelope.eventId,
        partitionKey: settlement.householdId,
        occurredAt: envelope.occurredAt,
      },
    },
    { client },
  );
}

export interface RecordPayablesConsumerOptions {
  bus: MessageBus;
  pool: Pool;
  schema: string;
  store: CommandStore;
}

/** Consumes `BillSettled` from `aid.claims.v1`: each one once, in one transaction with its mark. */
export function recordPayablesConsumer(options: RecordPayablesConsumerOptions): Worker {
  return topicConsumer({
    name: RECORD_PAYABLES_CONSUMER,
    topic: TOPICS.claims,
    bus: options.bus,
    pool: options.pool,
    schema: options.schema,
    handle: async (event, client) => {
      switch (event.type) {
        case 'BillSettled':
          await recordPayables(options.store, client, event.data, event.envelope);
          return;
        default:
          return;
      }
    },
  });
}
