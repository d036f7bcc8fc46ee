import { parseContractEvent, type ContractEvent, type ContractEvents } from '@aid/contracts';
import { NonRetriableError, withIdempotentTransaction, type MessageBus, type Subscription } from '@aid/messaging';
import type { Pool, PoolClient } from 'pg';
import type { Worker } from './service-runtime';

export interface TopicConsumerOptions<T extends keyof ContractEvents> {
  /** Names the consumer group and the idempotency marks, e.g. `claims:member-view`. */
  name: string;
  topic: T;
  bus: MessageBus;
  pool: Pool;
  schema: string;
  /** Runs inside the transaction that also records the event id: all or nothing, once. Sees the newest version only. */
  handle(event: ContractEvent<T>, client: PoolClient): Promise<void>;
}

/**
 * Consumes another service's topic: checks every message against the contract registry
 * (a bad one is dead-lettered with its problems named), hands the handler the newest
 * version of each event whatever version travelled (the registry's upcasters), skips event
 * types it does not know, and applies each event once, in the same transaction as the
 * handler's writes.
 */
export function topicConsumer<T extends keyof ContractEvents>(options: TopicConsumerOptions<T>): Worker {
  let subscription: Subscription | null = null;
  return {
    name: options.name,
    async start() {
      subscription = await options.bus.subscribe({
        groupId: options.name,
        topics: [options.topic],
        fromBeginning: true,
        handler: async (envelope) => {
          const parsed = parseContractEvent(options.topic, envelope);
          if (!parsed.ok) {
            if (parsed.ignored) return;
            throw new NonRetriableError(
              `${envelope.type} ${envelope.eventId} breaks the ${options.topic} contract: ${parsed.problems
                .map((p) => `${p.field}: ${p.message}`)
                .join('; ')}`,
            );
          }
          await withIdempotentTransaction(options.pool, options.schema, options.name, envelope.eventId, (client) =>
            options.handle(parsed.event, client),
          );
        },
      });
    },
    async stop() {
      await subscription?.close();
      subscription = null;
    },
  };
}
