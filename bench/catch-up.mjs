// Catch-up read benchmark (issue 5, row 2): events/s read in global order from position 0
// over a store holding 1,000,000 events (--quick: 20,000).
//
//   ours  — PostgresEventStore.readAll({ after, maxCount: 1000 }) in a loop, and a
//           CatchUpSubscription (batch 1000) with an in-memory checkpoint store;
//   peer  — Emmett 0.42: its readMessagesBatch(execute, { after, batchSize: 1000 }) in a loop
//           (the primitive its consumers pull with), and its consumer + reactor
//           (store.consumer({ pulling: { batchSize: 1000 } }).reactor({ eachMessage })), which
//           stores a checkpoint per message in PostgreSQL and sleeps 50 ms between batches;
//   limit — COPY (select <the same columns> from events order by transaction_id,
//           global_position) TO STDOUT, streamed through node-postgres (pg-copy-streams is
//           not installed: a small submittable in bench/lib/common.mjs does the same) and
//           not parsed.
//
// Loading: server-side INSERT ... SELECT over generate_series, 10,000 rows per transaction,
// into our events table (secondary indexes built after the load) and into Emmett's
// emt_messages (rows matching its layout; its API appends ~600 events/s one by one, which
// would take the whole budget). Both tables are vacuumed and analysed before reading.
//
// Emmett reads without an index on its global order: every batch scans the whole table, so
// a full pass over 1M events takes minutes. It is measured in four time-boxed windows that
// start at 0, 1/4, 1/2 and 3/4 of the events; its rate is the full pass estimated from them
// (N / sum of quarter / rate of that quarter). Ours reads every event.
//
// Ours and COPY read all events, twice each in a full run (interleaved; the better pass
// counts, the other is in the details).
//
//   node bench/catch-up.mjs [--quick] [--events N] [--window SECONDS] [--repeats N] [--json FILE]
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  copyOut,
  dist,
  freshDatabase,
  log,
  now,
  parseArgs,
  pg,
  round,
  runNodeJson,
  waitUntilVisible,
} from './lib/common.mjs';
import { loadEmmettEvents, loadOurEvents, tableFacts } from './lib/load.mjs';

const args = parseArgs();
const self = fileURLToPath(import.meta.url);
const BATCH = 1000;
const COLUMNS =
  'global_position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at';

// ---------------------------------------------------------------------------------------
// Readers, each in a child process of its own

const readers = {
  /** The limit: every row streamed out by COPY, not parsed. */
  async copy({ url }) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const t = now();
    const { rows, bytes } = await copyOut(
      client,
      `copy (select ${COLUMNS} from bench.events order by transaction_id, global_position) to stdout`,
    );
    const seconds = (now() - t) / 1000;
    await client.end();
    return { events: rows, seconds, mib: round(bytes / 2 ** 20, 1) };
  },

  async 'ours-readall'({ url }) {
    const { PostgresEventStore } = dist('libs/event-store/src/index.js');
    const store = new PostgresEventStore({ connectionString: url, schema: 'bench', poolConfig: { max: 1 } });
    let after = null;
    let events = 0;
    let checksum = 0;
    const t = now();
    for (;;) {
      const batch = await store.readAll({ after, maxCount: BATCH });
      if (batch.length === 0) break;
      for (const e of batch) checksum += e.data.totalCostFen;
      events += batch.length;
      after = batch[batch.length - 1].position;
    }
    const seconds = (now() - t) / 1000;
    await store.close();
    return { events, seconds, checksum };
  },

  async 'ours-subscription'({ url }) {
    const { PostgresEventStore, CatchUpSubscription, InMemoryCheckpointStore } = dist('libs/event-store/src/index.js');
    const store = new PostgresEventStore({ connectionString: url, schema: 'bench', poolConfig: { max: 1 } });
    let events = 0;
    let checksum = 0;
    const subscription = new CatchUpSubscription({
      subscriptionId: 'bench',
      store,
      checkpoints: new InMemoryCheckpointStore(),
      batchSize: BATCH,
      handle: async (batch) => {
        for (const e of batch) checksum += e.data.totalCostFen;
        events += batch.length;
      },
    });
    const t = now();
    await subscription.catchUp();
    const seconds = (now() - t) / 1000;
    await store.close();
    return { events, seconds, checksum };
  },

  /** Emmett's schema only; the events are loaded by the parent with plain SQL. */
  async 'emmett-migrate'({ url }) {
    const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
    const store = getPostgreSQLEventStore(url);
    await store.schema.migrate();
    await store.close();
    return {};
  },

  /** Emmett's batch read in a loop, time-boxed, from position `from`. */
  async 'emmett-read'({ url, from, window }) {
    const { readMessagesBatch } = await import('@event-driven-io/emmett-postgresql');
    const { dumbo } = await import('@event-driven-io/dumbo');
    const pool = dumbo({ connectionString: url });
    let after = BigInt(from);
    let events = 0;
    let checksum = 0;
    const t = now();
    const deadline = t + window * 1000;
    for (;;) {
      const r = await readMessagesBatch(pool.execute, { after, batchSize: BATCH });
      for (const m of r.messages) checksum += m.data.totalCostFen;
      events += r.messages.length;
      after = r.currentGlobalPosition;
      if (!r.areMessagesLeft || (now() >= deadline && events >= 2 * BATCH)) break;
    }
    const seconds = (now() - t) / 1000;
    await pool.close();
    return { events, seconds, checksum };
  },

  /** Emmett's consumer with one reactor, time-boxed, from position `from`. */
  async 'emmett-consumer'({ url, from, window }) {
    const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
    const store = getPostgreSQLEventStore(url);
    const consumer = store.consumer({ pulling: { batchSize: BATCH }, stopWhen: { noMessagesLeft: true } });
    let events = 0;
    let checksum = 0;
    let deadline = Infinity;
    consumer.reactor({
      processorId: `bench-${from}`,
      startFrom: from === 0 ? 'BEGINNING' : { lastCheckpoint: BigInt(from) },
      eachMessage: async (m) => {
        checksum += m.data.totalCostFen;
        events++;
        // At least two batches, so that a slow first batch cannot end a window alone.
        if (now() >= deadline && events >= 2 * BATCH) return { type: 'STOP', reason: 'time box' };
      },
    });
    const t = now();
    deadline = t + window * 1000;
    await consumer.start();
    const seconds = (now() - t) / 1000;
    await consumer.close();
    await store.close();
    return { events, seconds, checksum };
  },
};

async function child() {
  const name = String(args.impl);
  const reader = readers[name];
  if (!reader) throw new Error(`unknown --impl ${name}`);
  return reader({ url: String(args.url), from: Number(args.from ?? 0), window: Number(args.window ?? 5) });
}

// ---------------------------------------------------------------------------------------

async function main() {
  const quick = Boolean(args.quick);
  const count = Number(args.events ?? (quick ? 20_000 : 1_000_000));
  const window = Number(args.window ?? (quick ? 0.5 : 4));
  // --quick: one window (from 0) instead of four.
  const parts = quick ? 1 : 4;
  const repeats = Number(args.repeats ?? (quick ? 1 : 2));
  const loadBefore = os.loadavg();
  const ours = await freshDatabase('catchup_ours');
  const emmett = await freshDatabase('catchup_emmett');
  try {
    const { eventStoreDdl } = dist('libs/event-store/src/index.js');
    const c = new pg.Client({ connectionString: ours.url });
    await c.connect();
    await c.query(eventStoreDdl('bench'));
    const oursLoadSeconds = await loadOurEvents(c, 'bench', count);
    const oursTable = await tableFacts(c, 'bench.events');

    await runNodeJson(self, ['--impl', 'emmett-migrate', '--url', emmett.url]);
    const e = new pg.Client({ connectionString: emmett.url });
    await e.connect();
    const emmettLoadSeconds = await loadEmmettEvents(e, count);
    const emmettTable = await tableFacts(e, 'emt_messages_emt_default_active');
    await waitUntilVisible(c);
    await c.end();
    await e.end();
    log(`tables: ours ${JSON.stringify(oursTable)}, Emmett ${JSON.stringify(emmettTable)}`);

    const run = async (impl, url, extra = []) => {
      const r = await runNodeJson(self, ['--impl', impl, '--url', url, ...extra]);
      r.eventsPerSecond = Math.round(r.events / r.seconds);
      log(
        `catch-up ${impl} ${extra.join(' ')}: ${r.events} events in ${round(r.seconds, 2)} s = ${r.eventsPerSecond}/s`,
      );
      return r;
    };
    // Ours and the limit read every event; in a full run each goes twice, interleaved, and
    // keeps its better pass (the machine is shared: a pass can lose a core to something else).
    const passes = { copy: [], 'ours-readall': [], 'ours-subscription': [] };
    for (let pass = 0; pass < repeats; pass++) {
      for (const impl of Object.keys(passes)) {
        const r = await run(impl, ours.url);
        if (r.events !== count) throw new Error(`${impl} read ${r.events} events, expected ${count}`);
        passes[impl].push(r);
      }
    }
    const best = (impl) => {
      const all = passes[impl];
      const top = all.reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
      return { ...top, passes: all.map((r) => r.eventsPerSecond) };
    };
    const copy = best('copy');
    const readAll = best('ours-readall');
    const subscription = best('ours-subscription');

    /** Windows at 0, 1/4, 1/2, 3/4 of the events; the full-pass rate is estimated from them. */
    const windows = async (impl) => {
      const measured = [];
      for (let q = 0; q < parts; q++) {
        const from = Math.floor((count * q) / parts);
        measured.push({ from, ...(await run(impl, emmett.url, ['--from', String(from), '--window', String(window)])) });
      }
      const share = count / parts;
      const estimatedSeconds = measured.reduce((sum, p) => sum + share / p.eventsPerSecond, 0);
      return {
        windows: measured.map((p) => ({
          from: p.from,
          events: p.events,
          seconds: round(p.seconds, 2),
          eventsPerSecond: p.eventsPerSecond,
        })),
        estimatedSeconds: round(estimatedSeconds, 1),
        eventsPerSecond: Math.round(count / estimatedSeconds),
      };
    };
    const emmettRead = await windows('emmett-read');
    const emmettConsumer = await windows('emmett-consumer');

    const n = count.toLocaleString('en');
    return {
      name: 'catch-up',
      settings: { quick, events: count, batch: BATCH, repeats, emmettWindows: parts, emmettWindowSeconds: window },
      load: {
        oursSeconds: round(oursLoadSeconds, 1),
        emmettSeconds: round(emmettLoadSeconds, 1),
        oursTable,
        emmettTable,
      },
      loadAverage: { before: loadBefore, after: os.loadavg() },
      rows: [
        {
          bench: 'catch-up',
          scenario: `read loop from 0 over ${n} events, ${BATCH}/batch`,
          unit: 'events/s',
          ours: readAll.eventsPerSecond,
          peer: emmettRead.eventsPerSecond,
          limit: copy.eventsPerSecond,
          oursLabel: 'readAll({ after, maxCount: 1000 }) loop',
          peerLabel: 'Emmett readMessagesBatch({ after, batchSize: 1000 }) loop (time-boxed windows, estimated)',
          limitLabel: 'COPY (select … order by transaction_id, global_position) TO STDOUT, unparsed',
          details: { ours: readAll, peer: emmettRead, limit: copy },
        },
        {
          bench: 'catch-up',
          scenario: `subscription from 0 over ${n} events, ${BATCH}/batch`,
          unit: 'events/s',
          ours: subscription.eventsPerSecond,
          peer: emmettConsumer.eventsPerSecond,
          limit: copy.eventsPerSecond,
          oursLabel: 'CatchUpSubscription.catchUp(), in-memory checkpoints',
          peerLabel: 'Emmett consumer + reactor, checkpoint per message in PostgreSQL (time-boxed windows, estimated)',
          limitLabel: 'COPY … TO STDOUT, unparsed',
          details: { ours: subscription, peer: emmettConsumer, limit: copy },
        },
      ],
    };
  } finally {
    await ours.drop();
    await emmett.drop();
  }
}

const result = args.impl ? await child() : await main();
if (args.json) await writeFile(String(args.json), JSON.stringify(result, null, 2));
else process.stdout.write(JSON.stringify(result, null, 2) + '\n');
