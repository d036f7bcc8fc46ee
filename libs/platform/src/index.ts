export { readServiceConfig, ConfigError, type ServiceConfig } from './config';
export { TOPICS, type ServiceName } from './topics';
export { ServiceRuntime, type ServiceRuntimeOptions, type Worker } from './service-runtime';
export { connectBus } from './connect-bus';
export { InputError, CommandRefused } from './errors';
export { topicConsumer, type TopicConsumerOptions } from './topic-consumer';
export { NamespacedBus } from './namespaced-bus';
