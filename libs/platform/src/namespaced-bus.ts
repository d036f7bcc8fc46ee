import type { BrokerStatus, MessageBus, SubscribeOptions, Subscription } from '@aid/messaging';
import type { EventEnvelope } from '@aid/contracts';

/**
 * Puts every topic and consumer group under a prefix (AID_LEDGER_TOPIC_PREFIX), so that
 * several installations, or several test runs, can share one Kafka cluster. Handlers keep
 * seeing the contract's topic names.
 */
export class NamespacedBus implements MessageBus {
  constructor(
    private readonly inner: MessageBus,
    private readonly prefix: string,
  ) {}

  publish(topic: string, messages: readonly EventEnvelope[]): Promise<void> {
    return this.inner.publish(this.prefix + topic, messages);
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    const dlq = options.deadLetterTopic;
    return this.inner.subscribe({
      ...options,
      groupId: this.prefix + options.groupId,
      topics: options.topics.map((t) => this.prefix + t),
      deadLetterTopic: (physical) => (dlq ? this.prefix + dlq(physical.slice(this.prefix.length)) : `${physical}.dlq`),
      handler: (message, context) =>
        options.handler(message, { ...context, topic: context.topic.slice(this.prefix.length) }),
    });
  }

  ensureTopics(topics: readonly string[]): Promise<void> {
    return this.inner.ensureTopics(topics.map((t) => this.prefix + t));
  }

  status(): Promise<BrokerStatus> {
    return this.inner.status();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
