export * from './port';
export { validateAppend } from './validate-append';
export {
  PostgresEventStore,
  PostgresCheckpointStore,
  type PostgresEventStoreOptions,
} from './postgres/postgres-event-store';
export { eventStoreDdl, assertSchemaName } from './postgres/schema';
export { CatchUpSubscription, type CatchUpSubscriptionOptions } from './subscription/catch-up-subscription';
export { InMemoryCheckpointStore } from './subscription/in-memory-checkpoint-store';
export {
  assertNever,
  conflict,
  fold,
  foldRecorded,
  notFound,
  Refusal,
  rule,
  type Decider,
  type DomainEvent,
  type RefusalKind,
} from './decider/decider';
export {
  runCommand,
  toNewEvents,
  type CommandContext,
  type CommandStore,
  type CommandStreams,
  type Concurrency,
  type HandledCommand,
  type RunCommandOptions,
} from './decider/command-handler';
export { RETRY_POLICY, isRetriableConflict, withRetry, type RetryPolicy } from './decider/retry';
export { inTransaction } from './decider/transaction';
export { derivedEventId } from './decider/derived-id';
export { Chainer, type ChainerOptions } from './integrity/chainer';
export { verifyChain, chainLink, type ChainBreak, type ChainHead, type ChainVerdict } from './integrity/verify-chain';
export { canonicalJson, chainHash, GENESIS_HASH, type ChainedContent } from './integrity/canonical';
export {
  CHECKPOINT_FORMAT,
  keyId,
  signCheckpoint,
  verifyCheckpoint,
  type ChainCheckpoint,
  type CheckpointBody,
  type CheckpointCheck,
} from './integrity/checkpoint';
