// Append benchmark (issue 5, row 1): events/s appended by
//   ours  — the project's PostgresEventStore.appendToStream (one round trip: a plpgsql function),
//   peer  — Emmett 0.42's getPostgreSQLEventStore(...).appendToStream,
//   limit — a raw `INSERT ... SELECT unnest(...)` of the same rows into a table with the same
//           columns and indexes as ours (the store's own DDL), no version check;
// with one event per append and with ten, by 1, 4 and 16 concurrent writers, each writer on
// its own connection (pools sized to the writers). Streams: 10,000 households; writer w owns
// the streams i with i % writers == w and appends with the exact expected version.
//
// Each (implementation, cell) runs in a child process of its own on a fresh database (Emmett
// changes node-postgres' global type parsers on import, so it never shares a process with
// ours), cells interleaved ours / Emmett / raw so that a change in machine load hits all
// three alike. A cell: a short warm-up, then a fixed duration; events/s = appends finished
// inside the window x events per append / window. A full run measures every cell twice
// (ours, Emmett, raw, ours, Emmett, raw) and keeps each implementation's better pass.
//
//   node bench/append.mjs [--quick] [--seconds 4] [--warmup 1] [--repeats 2] [--json FILE]
//   node bench/append.mjs --impl ours|emmett|raw --batch 1|10 --writers N --seconds S --warmup W --json FILE
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import {
  STREAMS,
  dist,
  freshDatabase,
  log,
  newEvent,
  now,
  parseArgs,
  pg,
  round,
  runNodeJson,
  streamName,
} from './lib/common.mjs';

const args = parseArgs();
const self = fileURLToPath(import.meta.url);

const IMPLS = ['ours', 'emmett', 'raw'];
const BATCHES = [1, 10];
const WRITERS = [1, 4, 16];

// ---------------------------------------------------------------------------------------
// One cell, in its own process

async function setupOurs(url, writers) {
  const { PostgresEventStore } = dist('libs/event-store/src/index.js');
  const store = new PostgresEventStore({ connectionString: url, schema: 'bench', poolConfig: { max: writers } });
  await store.migrate();
  return {
    label: 'PostgresEventStore.appendToStream',
    append: (stream, events, expected) => store.appendToStream(stream, events, { expectedVersion: expected }),
    close: () => store.close(),
  };
}

async function setupEmmett(url, writers) {
  const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
  const pool = new pg.Pool({ connectionString: url, max: writers });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  await store.schema.migrate();
  return {
    label: 'Emmett getPostgreSQLEventStore().appendToStream',
    append: (stream, events, expected) =>
      store.appendToStream(
        stream,
        events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })),
        { expectedStreamVersion: BigInt(expected) },
      ),
    close: async () => {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}

async function setupRaw(url, writers) {
  const { eventStoreDdl } = dist('libs/event-store/src/index.js');
  const pool = new pg.Pool({ connectionString: url, max: writers });
  // The very table ours appends to: same columns, identity, defaults and indexes.
  await pool.query(eventStoreDdl('bench'));
  const text = `insert into bench.events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
    select * from unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])`;
  return {
    label: 'INSERT … SELECT unnest($1..$7) (same table, no version check)',
    append: (stream, events, expected) =>
      pool.query({
        name: 'raw-append',
        text,
        values: [
          events.map(() => stream),
          events.map((_, i) => expected + i + 1),
          events.map((e) => e.eventId),
          events.map((e) => e.type),
          events.map((e) => e.schemaVersion),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata)),
        ],
      }),
    close: () => pool.end(),
  };
}

async function runCell({ impl, batch, writers, seconds, warmup }) {
  const db = await freshDatabase(`append_${impl}`);
  try {
    const setup = { ours: setupOurs, emmett: setupEmmett, raw: setupRaw }[impl];
    const target = await setup(db.url, writers);
    const versions = new Int32Array(STREAMS);
    let bill = 0;
    let windowAppends = 0;
    let totalEvents = 0;
    const started = now();
    const windowStart = started + warmup * 1000;
    const windowEnd = windowStart + seconds * 1000;
    const latencies = [];

    async function writer(w) {
      // Writer w owns streams w, w + writers, w + 2 * writers, ...
      let next = w;
      for (;;) {
        const t = now();
        if (t >= windowEnd) return;
        const s = next;
        next += writers;
        if (next >= STREAMS) next = w;
        const stream = streamName(s);
        const events = [];
        for (let k = 0; k < batch; k++) events.push(newEvent(bill++, stream));
        await target.append(stream, events, versions[s]);
        versions[s] += batch;
        totalEvents += batch;
        const done = now();
        if (t >= windowStart && done <= windowEnd) {
          windowAppends++;
          if (latencies.length < 200_000) latencies.push(done - t);
        }
      }
    }
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    await target.close();

    // Every append must have landed exactly once.
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    const table = impl === 'emmett' ? 'emt_messages' : 'bench.events';
    const stored = Number((await check.query(`select count(*)::int as n from ${table}`)).rows[0].n);
    await check.end();
    if (stored !== totalEvents) throw new Error(`${impl}: appended ${totalEvents} events but ${stored} are stored`);

    latencies.sort((a, b) => a - b);
    const pct = (p) => round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN, 2);
    const events = windowAppends * batch;
    return {
      impl,
      label: target.label,
      batch,
      writers,
      seconds,
      appends: windowAppends,
      events,
      eventsPerSecond: Math.round(events / seconds),
      appendLatencyMs: { p50: pct(0.5), p99: pct(0.99) },
      storedEvents: stored,
    };
  } finally {
    await db.drop();
  }
}

// ---------------------------------------------------------------------------------------
// The matrix

async function main() {
  const quick = Boolean(args.quick);
  const seconds = Number(args.seconds ?? (quick ? 0.7 : 4));
  const warmup = Number(args.warmup ?? (quick ? 0.2 : 1));
  const repeats = Number(args.repeats ?? (quick ? 1 : 2));
  // --quick is a smoke run: the two corners of the matrix, which still exercise every path.
  const matrix = quick
    ? [
        [1, 1],
        [10, 16],
      ]
    : BATCHES.flatMap((batch) => WRITERS.map((writers) => [batch, writers]));
  const cells = [];
  const loadBefore = os.loadavg();
  for (const [batch, writers] of matrix) {
    const passes = { ours: [], emmett: [], raw: [] };
    for (let pass = 0; pass < repeats; pass++) {
      for (const impl of IMPLS) {
        const r = await runNodeJson(self, [
          '--impl',
          impl,
          '--batch',
          String(batch),
          '--writers',
          String(writers),
          '--seconds',
          String(seconds),
          '--warmup',
          String(warmup),
        ]);
        passes[impl].push(r);
        log(
          `append ${batch}/append x${writers} ${impl.padEnd(6)} ${String(r.eventsPerSecond).padStart(7)} events/s ` +
            `(${r.events} events in ${seconds} s; p50 ${r.appendLatencyMs.p50} ms, p99 ${r.appendLatencyMs.p99} ms)`,
        );
      }
    }
    // The better pass of each implementation counts; every pass is kept in the details.
    const results = {};
    for (const impl of IMPLS) {
      const best = passes[impl].reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
      results[impl] = { ...best, passes: passes[impl].map((r) => r.eventsPerSecond) };
    }
    cells.push({ batch, writers, results });
  }
  const rows = cells.map(({ batch, writers, results }) => ({
    bench: 'append',
    scenario: `${batch === 1 ? '1 event' : `${batch} events`}/append, ${writers} writer${writers > 1 ? 's' : ''}`,
    unit: 'events/s',
    ours: results.ours.eventsPerSecond,
    peer: results.emmett.eventsPerSecond,
    limit: results.raw.eventsPerSecond,
    details: results,
  }));
  return {
    name: 'append',
    settings: {
      quick,
      seconds,
      warmup,
      repeats,
      streams: STREAMS,
      cells: matrix.map(([batch, writers]) => ({ batch, writers })),
    },
    oursLabel: 'PostgresEventStore.appendToStream (expected version given)',
    peerLabel: 'Emmett 0.42 appendToStream (expectedStreamVersion given)',
    limitLabel: 'INSERT … SELECT unnest(…) into the same table, one statement per append',
    loadAverage: { before: loadBefore, after: os.loadavg() },
    rows,
  };
}

const result = args.impl
  ? await runCell({
      impl: String(args.impl),
      batch: Number(args.batch ?? 1),
      writers: Number(args.writers ?? 1),
      seconds: Number(args.seconds ?? 5),
      warmup: Number(args.warmup ?? 1),
    })
  : await main();
if (args.json) await writeFile(String(args.json), JSON.stringify(result, null, 2));
else process.stdout.write(JSON.stringify(result, null, 2) + '\n');
