import { InProcessMessageBus, KafkaMessageBus, type MessageBus } from '@aid/messaging';
import { NamespacedBus } from './namespaced-bus';

/**
 * Kafka when brokers are given; otherwise the in-process bus, which only the embedded mode
 * uses. With a topic prefix, topics and groups live under it.
 */
export function connectBus(clientId: string, brokers: string[] | null, topicPrefix = ''): MessageBus {
  const bus = brokers ? new KafkaMessageBus({ brokers, clientId }) : new InProcessMessageBus();
  return topicPrefix ? new NamespacedBus(bus, topicPrefix) : bus;
}
