export { readServiceConfig, readAuthConfig, ConfigError, type ServiceConfig, type AuthConfig } from './config';
export { TOPICS, type ServiceName } from './topics';
export { ServiceRuntime, type ServiceRuntimeOptions, type Worker } from './service-runtime';
export { connectBus } from './connect-bus';
export { InputError, Refusal, HTTP_STATUS_OF_REFUSAL, type RefusalKind } from './errors';
export { supervisedSubscription, topicConsumer, type TopicConsumerOptions } from './topic-consumer';
export { readiness, type Readiness, type ReadinessInputs } from './readiness';
export { NamespacedBus } from './namespaced-bus';
