import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { waitFor } from '@aid/testing';
import { anEnvelope, messageBusContract, type RawRecord } from '../contract/message-bus.contract';
import { KafkaMessageBus } from './kafka-message-bus';

const brokersEnv = process.env.KAFKA_BROKERS;
if (!brokersEnv) {
  // Never skipped: a run without a broker must say so loudly.
  throw new Error(
    'KAFKA_BROKERS is not set. Run through `npm run test:int` (the global setup starts a broker), ' +
      'or start one with `bash infra/kafka/kafka.sh start` and pass KAFKA_BROKERS=127.0.0.1:PORT.',
  );
}
const brokers = brokersEnv.split(',');

// The int project's `testTimeout` in jest.config.js does not apply: Jest reads that option
// from the global config only. A first group join on a busy machine can exceed 5 s.
jest.setTimeout(120_000);

const makeBus = () =>
  new KafkaMessageBus({
    brokers,
    clientId: 'messaging-contract',
    shutdownGraceMs: 300,
    heartbeatIntervalMs: 500,
    sessionTimeoutMs: 10_000,
    maxWaitTimeMs: 200,
    // kafkajs reports every rebalance of the group tests at ERROR, and these tests
    // dead-letter on purpose; KAFKAJS_LOG_LEVEL=warn brings the lines back when debugging.
    logLevel: 'nothing',
  });

// A plain kafkajs client for what the port deliberately cannot do: write raw bytes and
// read a topic as it is stored.
const raw = new Kafka({ clientId: 'contract-harness', brokers, logLevel: logLevel.ERROR });
let producer: Producer;
const readers: Consumer[] = [];

beforeAll(async () => {
  producer = raw.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const admin = raw.admin();
  await admin.connect();
  try {
    const { brokers: nodes } = await admin.describeCluster();
    console.log(
      `Kafka ${process.env.KAFKA_VERSION ?? '(version not given)'} at ${brokersEnv}, ${nodes.length} broker(s)`,
    );
  } finally {
    await admin.disconnect();
  }
  await warmUp();
});

afterAll(async () => {
  await Promise.all(readers.map((r) => r.disconnect()));
  await producer.disconnect();
});

/**
 * On a fresh broker the first group creates __consumer_offsets, whose coordinator then
 * loads for a while and answers "not coordinator". One round trip here keeps that out of
 * the first test.
 */
async function warmUp(): Promise<void> {
  const bus = makeBus();
  const topic = `contract.warm-up.${randomUUID().slice(0, 8)}`;
  let received = 0;
  try {
    await bus.publish(topic, [anEnvelope()]);
    const subscription = await bus.subscribe({
      groupId: `${topic}.g`,
      topics: [topic],
      handler: async () => {
        received += 1;
      },
    });
    await waitFor(() => received > 0, 60_000, { message: 'the warm-up message' });
    await subscription.close();
  } finally {
    await bus.close();
  }
}

async function readRecords(topic: string, count: number): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  const reader = raw.consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
  readers.push(reader);
  await reader.connect();
  await reader.subscribe({ topics: [topic], fromBeginning: true });
  await reader.run({
    eachMessage: async ({ partition, message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
      records.push({
        partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? null,
        value: message.value ?? Buffer.alloc(0),
        headers,
      });
    },
  });
  try {
    await waitFor(() => records.length >= count, 30_000, { message: `${count} record(s) on ${topic}` });
  } finally {
    await reader.disconnect();
    readers.splice(readers.indexOf(reader), 1);
  }
  return records;
}

messageBusContract('kafka', async () => makeBus(), {
  deliveryTimeoutMs: 30_000,
  publishRaw: async (bus, topic, key, value) => {
    await bus.ensureTopics([topic]);
    await producer.send({ topic, acks: -1, messages: [{ key, value }] });
  },
  readRecords: (_bus, topic, count) => readRecords(topic, count),
});
