export {
  NonRetriableError,
  isRetriable,
  type BrokerStatus,
  type ConsumerState,
  type ConsumerStatus,
  type DeadLetter,
  type MessageBus,
  type MessageContext,
  type MessageHandler,
  type RetryPolicy,
  type SubscribeOptions,
  type Subscription,
} from './port';
export { DEFAULT_RETRY_POLICY, backoffMs, pause } from './delivery';
export {
  ENVELOPE_CONTENT_TYPE,
  HEADERS,
  MalformedMessageError,
  envelopeProblem,
  parseEnvelope,
  toWireMessage,
} from './wire';
export {
  DEAD_LETTER_HEADERS,
  defaultDeadLetterTopic,
  originalValueBytes,
  parseDeadLetter,
  toDeadLetter,
} from './dead-letter';
export { KafkaMessageBus, type KafkaMessageBusOptions } from './kafka/kafka-message-bus';
export { lineLogCreator, type KafkaLogLevel, type LogSink } from './kafka/kafka-logger';
export {
  InProcessMessageBus,
  partitionFor,
  type InProcessMessageBusOptions,
  type InProcessRecord,
} from './in-process/in-process-message-bus';
export {
  ensureProcessedEventsTable,
  processOnce,
  withIdempotentTransaction,
  type ProcessOutcome,
} from './idempotent/processed-events';
