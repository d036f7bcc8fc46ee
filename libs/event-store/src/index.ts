export * from './port';
export { validateAppend } from './validate-append';
export { PostgresEventStore, PostgresCheckpointStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { eventStoreDdl, assertSchemaName } from './postgres/schema';
export { CatchUpSubscription, type CatchUpSubscriptionOptions } from './subscription/catch-up-subscription';
export { InMemoryCheckpointStore } from './subscription/in-memory-checkpoint-store';
export { assertNever, fold, foldRecorded, type Decider, type DomainEvent } from './decider/decider';
export { handleCommand, toNewEvents, type CommandContext, type CommandStore, type HandledCommand } from './decider/command-handler';
export { derivedEventId } from './decider/derived-id';
