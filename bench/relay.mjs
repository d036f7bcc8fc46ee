// Relay benchmark (issue 5, row 3): events/s the project's Relay (libs/relay) publishes from
// the event store to a Kafka topic through KafkaMessageBus (kafkajs 2.2.4, acks=-1, one
// request in flight, 3 partitions, keyed by household), draining N stored events
// (200,000; --quick 10,000) with its PostgreSQL checkpoint store and default batch (500).
//
// Against: Kafka's own org.apache.kafka.tools.ProducerPerformance from the broker's jars,
// N records of the relay's average message value size, acks=all, default producer settings
// otherwise (Kafka 4.1: linger.ms=5, batch.size=16 KiB, idempotence on, 5 in flight), to a
// topic with the same 3 partitions. It sends no keys or headers; ours carry a household key
// and five headers (their bytes are in the details).
//
// Diagnostics (details only): kafkajs alone sending the same wire messages with the
// adapter's settings, and ProducerPerformance with one request in flight and linger.ms=0.
//
//   node bench/relay.mjs [--quick] [--events N] [--json FILE]      (needs KAFKA_BROKERS)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  dist,
  freshDatabase,
  log,
  now,
  parseArgs,
  pg,
  requireFromRoot,
  root,
  round,
  runId,
  waitUntilVisible,
} from './lib/common.mjs';
import { loadOurEvents } from './lib/load.mjs';

const args = parseArgs();
const PARTITIONS = 3;

function brokers() {
  const b = process.env.KAFKA_BROKERS;
  if (!b) throw new Error('KAFKA_BROKERS is not set (run through `npm run bench`, which starts a broker)');
  return b.split(',');
}

/** Sum of the latest offsets of a topic's partitions: how many records it holds. */
async function topicRecords(admin, topic) {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

/** Runs ProducerPerformance and parses its final summary line. */
function producerPerformance({ topic, records, recordSize, props }) {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const cp = path.join(root, 'infra', 'kafka', 'lib', '*');
  const argv = [
    '-Xmx512m',
    `-Dlog4j2.configurationFile=${path.join(root, 'bench', 'lib', 'tools-log4j2.properties')}`,
    '-cp',
    cp,
    'org.apache.kafka.tools.ProducerPerformance',
    '--topic',
    topic,
    '--num-records',
    String(records),
    '--record-size',
    String(recordSize),
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${brokers().join(',')}`,
    'acks=all',
    ...props,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(java, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      // The last line is the summary: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, ..."
      const lines = out.trim().split('\n');
      const summary = lines.reverse().find((l) => /records sent, [\d.]+ records\/sec/.test(l));
      if (code !== 0 || !summary) {
        reject(new Error(`ProducerPerformance exited with ${code}: ${(err || out).slice(-2000)}`));
        return;
      }
      const m =
        /^(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency/.exec(
          summary,
        );
      resolve({
        summary: summary.trim(),
        records: Number(m[1]),
        recordsPerSecond: Math.round(Number(m[2])),
        mbPerSecond: Number(m[3]),
        avgLatencyMs: Number(m[4]),
        maxLatencyMs: Number(m[5]),
        settings: ['acks=all', ...props],
      });
    });
  });
}

async function main() {
  const quick = Boolean(args.quick);
  const count = Number(args.events ?? (quick ? 10_000 : 200_000));
  const loadBefore = os.loadavg();
  const { PostgresEventStore, eventStoreDdl } = dist('libs/event-store/src/index.js');
  const { Relay, toEnvelope } = dist('libs/relay/src/index.js');
  const { KafkaMessageBus } = dist('libs/messaging/src/index.js');
  const { toWireMessage } = dist('libs/messaging/src/index.js');
  const { Kafka, logLevel } = requireFromRoot('kafkajs');

  const suffix = `${runId()}-${randomBytes(3).toString('hex')}`;
  const topics = {
    warm: `bench.relay-warm.${suffix}`,
    relay: `bench.relay.${suffix}`,
    kafkajs: `bench.kafkajs.${suffix}`,
    perf: `bench.producer-perf.${suffix}`,
    perfOneInFlight: `bench.producer-perf-1.${suffix}`,
  };
  const db = await freshDatabase('relay');
  const kafka = new Kafka({ clientId: 'aid-bench-admin', brokers: brokers(), logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  const bus = new KafkaMessageBus({ brokers: brokers(), clientId: 'aid-bench-relay', partitions: PARTITIONS });
  try {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query(eventStoreDdl('bench'));
    await loadOurEvents(c, 'bench', count);
    await waitUntilVisible(c);
    await c.end();

    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    const store = new PostgresEventStore({ pool, schema: 'bench' });
    await bus.ensureTopics(Object.values(topics));

    // What goes on the wire, on average.
    const sample = (await store.readAll({ maxCount: 2000 })).map((e) => toWireMessage(toEnvelope(e)));
    const avg = (f) => Math.round(sample.reduce((s, m) => s + f(m), 0) / sample.length);
    const valueBytes = avg((m) => Buffer.byteLength(m.value));
    const keyBytes = avg((m) => Buffer.byteLength(m.key));
    const headerBytes = avg((m) =>
      Object.entries(m.headers).reduce((s, [k, v]) => s + Buffer.byteLength(k) + Buffer.byteLength(v), 0),
    );
    log(`relay: average message value ${valueBytes} B, key ${keyBytes} B, headers ${headerBytes} B`);

    // Warm-up: connects the producer and fetches metadata outside the measurement.
    await bus.publish(topics.warm, (await store.readAll({ maxCount: 500 })).map(toEnvelope));

    // Where the relay's time goes: each port it calls is wrapped in a timer (a few µs a call).
    let batches = 0;
    const spent = { readAll: 0, publish: 0, checkpoint: 0 };
    const timed =
      (key, fn) =>
      async (...a) => {
        const t0 = now();
        try {
          return await fn(...a);
        } finally {
          spent[key] += now() - t0;
        }
      };
    const checkpoints = store.checkpoints();
    const relay = new Relay({
      relayId: 'bench',
      store: { readAll: timed('readAll', (o) => store.readAll(o)) },
      checkpoints: {
        load: (id) => checkpoints.load(id),
        store: timed('checkpoint', (id, p) => checkpoints.store(id, p)),
      },
      bus: { publish: timed('publish', (topic, messages) => bus.publish(topic, messages)) },
      topic: topics.relay,
      onPublished: () => batches++,
    });
    const t = now();
    const relayed = await relay.drain();
    const seconds = (now() - t) / 1000;
    const onTopic = await topicRecords(admin, topics.relay);
    if (relayed !== count || onTopic !== count) {
      throw new Error(`relay read ${relayed} events and the topic holds ${onTopic}, expected ${count}`);
    }
    const split = {
      readAllSeconds: round(spent.readAll / 1000, 2),
      publishSeconds: round(spent.publish / 1000, 2),
      checkpointSeconds: round(spent.checkpoint / 1000, 2),
    };
    split.otherSeconds = round(seconds - split.readAllSeconds - split.publishSeconds - split.checkpointSeconds, 2);
    const ours = {
      events: relayed,
      seconds: round(seconds, 2),
      eventsPerSecond: Math.round(relayed / seconds),
      batches,
      split,
    };
    log(
      `relay: ${relayed} events in ${round(seconds, 2)} s = ${ours.eventsPerSecond}/s (${batches} batches of ≤500; ` +
        `readAll ${split.readAllSeconds} s, publish ${split.publishSeconds} s, checkpoint ${split.checkpointSeconds} s, ` +
        `mapping ${split.otherSeconds} s)`,
    );

    // Diagnostic (full run only): kafkajs alone, the same wire messages, the adapter's settings.
    let kafkajsAlone = null;
    if (!quick) {
      const all = [];
      for (let after = null; ;) {
        const b = await store.readAll({ after, maxCount: 5000 });
        if (b.length === 0) break;
        for (const e of b) all.push(toWireMessage(toEnvelope(e)));
        after = b[b.length - 1].position;
      }
      const { Partitioners } = requireFromRoot('kafkajs');
      const producer = kafka.producer({
        idempotent: false,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      await producer.send({ topic: topics.warm, acks: -1, messages: all.slice(0, 500) });
      const tk = now();
      for (let i = 0; i < all.length; i += 500) {
        await producer.send({ topic: topics.kafkajs, acks: -1, messages: all.slice(i, i + 500) });
      }
      const kSeconds = (now() - tk) / 1000;
      await producer.disconnect();
      kafkajsAlone = {
        events: all.length,
        seconds: round(kSeconds, 2),
        eventsPerSecond: Math.round(all.length / kSeconds),
      };
      log(`relay: kafkajs alone ${all.length} messages in ${round(kSeconds, 2)} s = ${kafkajsAlone.eventsPerSecond}/s`);
    }
    await store.close();
    await pool.end();

    const perf = await producerPerformance({ topic: topics.perf, records: count, recordSize: valueBytes, props: [] });
    log(`relay: ProducerPerformance ${perf.summary}`);
    let perfOneInFlight = null;
    if (!quick) {
      perfOneInFlight = await producerPerformance({
        topic: topics.perfOneInFlight,
        records: count,
        recordSize: valueBytes,
        props: ['max.in.flight.requests.per.connection=1', 'linger.ms=0'],
      });
      log(`relay: ProducerPerformance (1 in flight, linger 0) ${perfOneInFlight.summary}`);
    }

    return {
      name: 'relay',
      settings: { quick, events: count, partitions: PARTITIONS, relayBatch: 500 },
      message: { valueBytes, keyBytes, headerBytes, headers: Object.keys(sample[0].headers).length },
      loadAverage: { before: loadBefore, after: os.loadavg() },
      rows: [
        {
          bench: 'relay',
          scenario: `${count.toLocaleString('en')} stored events → Kafka (acks=all), ${valueBytes} B values`,
          unit: 'events/s',
          ours: ours.eventsPerSecond,
          peer: null,
          limit: perf.recordsPerSecond,
          oursLabel: 'Relay.drain() via KafkaMessageBus (kafkajs), PostgreSQL checkpoint per batch of 500',
          peerLabel: 'none',
          limitLabel: 'Kafka ProducerPerformance, same record size and count, acks=all, default producer settings',
          details: { ours, limit: perf, kafkajsAlone, producerPerformanceOneInFlight: perfOneInFlight },
        },
      ],
    };
  } finally {
    await bus.close().catch(() => undefined);
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await db.drop();
  }
}

const result = await main();
if (args.json) await writeFile(String(args.json), JSON.stringify(result, null, 2));
else process.stdout.write(JSON.stringify(result, null, 2) + '\n');
