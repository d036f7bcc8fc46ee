import { TOPIC_NAMES } from '@aid/contracts';
import { PostgresEventStore } from '@aid/event-store';
import { KafkaMessageBus } from '@aid/messaging';
import { Pool } from 'pg';
import { Relay } from './relay';
import { asStored } from './to-envelope';

/**
 * Runs one relay on its own: `node dist/libs/relay/src/main.js`. It copies a schema's stored
 * events as they are, so it serves the crash drills of the relay tests and private topics,
 * never a public topic: those carry only what their producer's mapping makes public, and
 * only the service's own runtime relays them.
 *
 * Environment: DATABASE_URL, KAFKA_BROKERS, RELAY_SCHEMA, RELAY_TOPIC, RELAY_ID (default
 * relay:<schema>), RELAY_BATCH_SIZE (default 500). RELAY_CRASH_AFTER=N is a fault drill: the
 * process kills itself once N events are acknowledged by the broker, before it stores the
 * checkpoint of that batch, as a power cut would.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name}: required`);
  return value;
}

function wholeNumber(name: string, fallback: number | null): number | null {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`${name}: "${text}" is not a whole number >= 1`);
  return Number(text);
}

async function main(): Promise<void> {
  const schema = required('RELAY_SCHEMA');
  const topic = required('RELAY_TOPIC');
  if ((Object.values(TOPIC_NAMES) as string[]).includes(topic)) {
    throw new Error(`RELAY_TOPIC: ${topic} is a public topic; its producer's service relays it through its mapping`);
  }
  const brokers = required('KAFKA_BROKERS').split(',');
  const batchSize = wholeNumber('RELAY_BATCH_SIZE', 500)!;
  const crashAfter = wholeNumber('RELAY_CRASH_AFTER', null);

  const pool = new Pool({ connectionString: required('DATABASE_URL'), max: 4 });
  const store = new PostgresEventStore({ pool, schema });
  const bus = new KafkaMessageBus({ brokers, clientId: `aid-ledger-relay-${schema}` });
  await bus.ensureTopics([topic]);
  let published = 0;
  const relay = new Relay({
    relayId: process.env.RELAY_ID ?? `relay:${schema}`,
    store,
    checkpoints: store.checkpoints(),
    bus,
    topic,
    toPublic: asStored,
    batchSize,
    onError: (err) => process.stderr.write(`relay: ${(err as Error).message}; will retry\n`),
    onPublished: (count, lastPosition) => {
      published += count;
      process.stdout.write(`published ${count} (total ${published}) up to ${lastPosition}\n`);
      if (crashAfter !== null && published >= crashAfter) process.kill(process.pid, 'SIGKILL');
    },
  });
  relay.start();
  process.stdout.write(`relay ${schema} -> ${topic} started\n`);
  const stop = async () => {
    await relay.stop();
    await bus.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`relay failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
