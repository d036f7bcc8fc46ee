// End-to-end benchmark: a hospital bill goes in over HTTP (`POST /bills` on claims) and ends
// as a line of the household's aid ledger in payout. Bills/s settled end to end, and the
// latency of each bill from the moment its POST is sent until its first ledger line is
// visible, p50 and p99. Errors are counted, never dropped: non-2xx answers (by status),
// accepted bills that never reach the ledger before the drain deadline, and ledgers that do
// not match the statements claims answered.
//
// Two modes, each on a fresh database of the machine's PostgreSQL:
//   embedded     the three services in one process on the in-process bus (as `npm start`)
//   distributed  one process per service over the Kafka broker of KAFKA_BROKERS (as
//                `npm run start:distributed` and the e2e tests), topics under a fresh prefix
// Two loads per mode, 16 concurrent HTTP clients (one keep-alive socket each), each sending
// its next bill as soon as the previous one is answered, for a fixed window:
//   spread       bills spread at random over 1,000 registered poor households (one member each)
//   one          every bill for the same member (the contention case)
//
// Households, members and insurance are created through enrollment's HTTP API; the bench
// waits until claims knows every member (its eligibility endpoint) before any bill is sent.
//
// Watching the ledger: payout's HTTP ledger endpoint answers a household's whole year, so
// polling it for every bill would cost payout more than the bills do (in the contention run
// the one household's ledger holds every line). For timing only, a watcher reads the new
// rows of payout's ledger-lines table (`household_ledger_lines`, a TID range scan over its
// last pages, every ~5 ms; a bill's visibility time is the start of the first poll that
// sees it). At the end every household's ledger is read once over HTTP and checked against
// the statements: every accepted bill's lines must be there, fund by fund, to the fen.
//
// Where the time goes: each bill's timestamps (POST sent, BillSettled recorded in claims'
// store, POST answered, first payout event recorded in payout's store, ledger line visible)
// give the legs of its path; `--cpu-prof` also profiles the service processes and sums
// their CPU samples, inside each load window, by package.
//
//   node bench/e2e.mjs [--quick] [--modes embedded,distributed] [--loads spread,one]
//        [--clients 16] [--members 1000] [--seconds 12] [--max-bills 60000]
//        [--drain-seconds 45] [--cpu-prof] [--json FILE]
// (after `node scripts/build.mjs`, with DATABASE_URL; distributed mode needs KAFKA_BROKERS)
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase, log, parseArgs, pg, requireFromRoot, round, runId } from './lib/common.mjs';
import { httpClient, inParallel, percentile, wallMs } from './lib/http-load.mjs';
import { bearerFor, processCpuSeconds, startDistributed, startEmbedded } from './lib/services.mjs';
import { summariseCpuProfile } from './lib/cpu-profile.mjs';

const args = parseArgs();
const quick = Boolean(args.quick);

function list(value, known, what) {
  const items = String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!known.includes(item)) throw new Error(`--${what}: unknown "${item}" (known: ${known.join(', ')})`);
  }
  return items;
}

function positive(value, what) {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${what}: "${value}" is not a positive number`);
  return n;
}

const MODES = list(
  args.modes ?? process.env.BENCH_E2E_MODES ?? 'embedded,distributed',
  ['embedded', 'distributed'],
  'modes',
);
const LOADS = list(args.loads ?? 'spread,one', ['spread', 'one'], 'loads');
const CLIENTS = Math.round(positive(args.clients ?? 16, 'clients'));
const MEMBERS = Math.round(positive(args.members ?? (quick ? 200 : 1000), 'members'));
const SECONDS = positive(args.seconds ?? (quick ? 3 : 12), 'seconds');
const MAX_BILLS = Math.round(positive(args['max-bills'] ?? 60_000, 'max-bills'));
const DRAIN_SECONDS = positive(args['drain-seconds'] ?? (quick ? 20 : 45), 'drain-seconds');
const CPU_PROF = Boolean(args['cpu-prof']);
const GOAL = { billsPerSecond: 2000, p99Ms: 500 };

const YEAR = 2019;
const REGION = 'xingan-league';
const ADDRESS = {
  province: '内蒙古自治区',
  city: '兴安盟',
  county: '科尔沁右翼前旗',
  township: '俄体镇',
  village: '俄体村',
};
// A small in-county inpatient bill at a primary hospital: every layer of the 2019 Xing'an
// League policy pays some of it, and the backstop (no cap) keeps paying once the others'
// annual caps are reached, so every settled bill leaves at least one ledger line.
// Its level and county flag are the facilities registry's: the hospital is designated first.
const FACILITY = {
  facilityId: 'etizhen-health-center',
  name: '俄体镇卫生院',
  level: 'PRIMARY',
  county: ADDRESS.county,
  region: REGION,
  inCounty: true,
  designatedFrom: '2015-01-01',
  designatedUntil: null,
  accounts: { BASIC_MEDICAL_INSURANCE_FUND: '622202020010000001', MEDICAL_ASSISTANCE_FUND: '622202020010000002' },
};
const BILL = {
  hospitalId: FACILITY.facilityId,
  admissionDate: '2019-06-01',
  dischargeDate: '2019-06-03',
  visitType: 'INPATIENT',
  totalCost: '60.00',
  eligibleCost: '50.00',
};

// ---------------------------------------------------------------------------------------
// The population: made-up registered poor households of one member each

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** A made-up resident ID number (GB 11643, check digit ISO 7064 MOD 11-2), unique per i. */
function idNumber(i) {
  const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 500) * 86_400_000).toISOString().slice(0, 10);
  const first17 = `152221${birth.replace(/-/g, '')}${String((i % 500) * 2 + 1).padStart(3, '0')}`;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += Number(first17[k]) * WEIGHTS[k];
  return first17 + CHECK[sum % 11];
}

function population(members) {
  const people = [];
  for (let i = 0; i < members; i++) {
    const tag = String(i).padStart(4, '0');
    people.push({ householdId: `BH-${tag}`, memberId: `BM-${tag}-1`, index: i });
  }
  return { spread: people, one: { householdId: 'BH-ONE', memberId: 'BM-ONE-1', index: members } };
}

async function expectOk(res, what, ok = [200, 201]) {
  if (!ok.includes(res.status)) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json;
}

// Enrollment's household commands hold a pooled connection in their transaction and read
// the stream through the pool: with the pool of 10 a standalone service has, 10 such
// commands at once wait for each other for ever. Four at a time stays clear of that.
const SETUP_CONCURRENCY = 4;

async function enrol(http, urls, people) {
  const started = wallMs();
  await expectOk(await http.post(`${urls.claims}/facilities`, FACILITY), `POST /facilities ${FACILITY.facilityId}`);
  await inParallel(people, SETUP_CONCURRENCY, async (p) => {
    await expectOk(
      await http.post(`${urls.enrollment}/households`, {
        householdId: p.householdId,
        region: REGION,
        address: ADDRESS,
        registeredOn: '2018-01-01',
        categories: ['POOR'],
        head: { memberId: p.memberId, name: '压测户主', idNumber: idNumber(p.index) },
      }),
      `POST /households ${p.householdId}`,
      [201],
    );
    await expectOk(
      await http.post(`${urls.enrollment}/members/${p.memberId}/insurance`, {
        year: YEAR,
        premium: '220.00',
        premiumSubsidy: '220.00',
      }),
      `POST /members/${p.memberId}/insurance`,
      [201],
    );
  });
  // Claims learns of members from enrollment's events; no bill before it knows them all.
  let waiting = people;
  const deadline = Date.now() + 180_000;
  while (waiting.length > 0) {
    const known = await inParallel(waiting, CLIENTS, async (p) => {
      const res = await http.get(`${urls.claims}/members/${p.memberId}/eligibility?date=${BILL.dischargeDate}`);
      return res.status === 200 && res.json?.insured === true;
    });
    waiting = waiting.filter((_, i) => !known[i]);
    if (waiting.length === 0) break;
    if (Date.now() > deadline) throw new Error(`claims still does not know ${waiting.length} members after 3 minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return round((wallMs() - started) / 1000, 1);
}

// ---------------------------------------------------------------------------------------
// Watching the ledger table (timing only)

function ident(name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a SQL identifier: ${name}`);
  return name;
}

/**
 * Polls the rows of payout's ledger-lines table added since the last poll. The table is
 * append-only, so new rows land in its last pages: each poll reads from a few pages before
 * the highest page seen so far (a TID range scan), not the whole table.
 */
async function startLedgerWatcher(databaseUrl, payoutSchema) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const backendPid = (await client.query('select pg_backend_pid() as pid')).rows[0].pid;
  const table = `${ident(payoutSchema)}.household_ledger_lines`;
  const found = await client.query('select to_regclass($1) as t', [table]);
  if (!found.rows[0].t) {
    await client.end();
    throw new Error(`payout's ledger table ${table} does not exist: the watcher needs it (see bench/e2e.mjs)`);
  }
  const seen = new Map();
  let maxPage = 0;
  let polls = 0;
  let lateFinds = 0;
  let lastFull = 0;
  let stopped = false;
  // Concurrent backends may fill pages below the highest one seen (each has its own target
  // page, and the relation grows in steps): look 128 pages back, and every second read it all.
  const recent = `select claim_id, (ctid::text::point)[0]::bigint as page from ${table} where ctid >= $1::tid`;
  const everything = `select claim_id, (ctid::text::point)[0]::bigint as page from ${table}`;
  const loop = (async () => {
    while (!stopped) {
      const at = wallMs();
      const full = at - lastFull >= 1000;
      if (full) lastFull = at;
      const { rows } = full
        ? await client.query(everything)
        : await client.query(recent, [`(${Math.max(0, maxPage - 128)},0)`]);
      polls++;
      for (const r of rows) {
        if (!seen.has(r.claim_id)) {
          seen.set(r.claim_id, at);
          if (full && polls > 1) lateFinds++;
        }
        const page = Number(r.page);
        if (page > maxPage) maxPage = page;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    seen,
    backendPid,
    get polls() {
      return polls;
    },
    /** Bills first seen by a whole-table read (timed to within a second, not 5 ms). */
    get lateFinds() {
      return lateFinds;
    },
    async stop() {
      stopped = true;
      await loop;
      await client.end();
    },
  };
}

// ---------------------------------------------------------------------------------------
// One load: CLIENTS concurrent clients for SECONDS, then the drain, then the checks

/**
 * CPU used so far by each service process, by this process (the HTTP clients and the
 * watcher) and by the PostgreSQL backends connected to the benchmark's database (the
 * services' pools and the watcher), with the transactions committed in that database.
 */
async function cpuSnapshot(databaseUrl, processes, watcherPid) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    const backends = new Map();
    let watcher = null;
    for (const r of rows) {
      if (r.pid === watcherPid) watcher = await processCpuSeconds(r.pid);
      else backends.set(r.pid, await processCpuSeconds(r.pid));
    }
    const stats = (
      await client.query(
        'select xact_commit::bigint as commits, xact_rollback::bigint as rollbacks, tup_inserted::bigint as inserted from pg_stat_database where datname = current_database()',
      )
    ).rows[0];
    const services = {};
    for (const p of processes) services[p.name] = await processCpuSeconds(p.child.pid);
    const own = process.cpuUsage();
    return { at: wallMs(), services, backends, watcher, bench: (own.user + own.system) / 1e6, stats };
  } finally {
    await client.end();
  }
}

/** CPU ms per settled bill between two snapshots, by process; backends that came and went are missed. */
function cpuPerBill(before, after, bills) {
  const seconds = (after.at - before.at) / 1000;
  const perBill = (s) => (s === null || bills === 0 ? null : round((s * 1000) / bills, 2));
  const services = {};
  for (const [name, cpu] of Object.entries(after.services)) {
    services[name] = cpu === null || before.services[name] === null ? null : cpu - before.services[name];
  }
  let postgres = 0;
  let backends = 0;
  for (const [pid, cpu] of after.backends) {
    if (cpu === null) continue;
    postgres += cpu - (before.backends.get(pid) ?? 0);
    backends++;
  }
  // The benchmark's own cost: its HTTP clients and watcher, and the watcher's backend.
  const bench = after.bench - before.bench + ((after.watcher ?? 0) - (before.watcher ?? 0));
  const total = Object.values(services).reduce((a, b) => a + (b ?? 0), 0) + postgres + bench;
  const stats = Object.fromEntries(
    Object.entries(after.stats).map(([k, v]) => [
      k,
      round((Number(v) - Number(before.stats[k])) / Math.max(1, bills), 1),
    ]),
  );
  return {
    seconds: round(seconds, 1),
    cores: os.cpus().length,
    coresUsedByThisRun: round(total / seconds, 2),
    msPerBill: {
      ...Object.fromEntries(Object.entries(services).map(([k, v]) => [k, perBill(v)])),
      postgres: perBill(postgres),
      benchClientsAndWatcher: perBill(bench),
      totalWithoutTheBench: perBill(total - bench),
      total: perBill(total),
    },
    postgresBackends: backends,
    perBill: stats,
  };
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function runLoad({ mode, load, http, urls, schemas, databaseUrl, people, tag, zero, processes }) {
  const logBytes = () => processes.reduce((sum, p) => sum + p.log().bytes, 0);
  const logBefore = logBytes();
  const prefix = `${tag}-${load}-`;
  const random = mulberry32(load === 'spread' ? 1 : 2);
  const pick = () => (load === 'one' ? people.one : people.spread[Math.floor(random() * people.spread.length)]);
  const watcher = await startLedgerWatcher(databaseUrl, schemas.payout);
  const bills = [];
  const statuses = {};
  const cpuBefore = process.cpuUsage();
  const snapshotBefore = await cpuSnapshot(databaseUrl, processes, watcher.backendPid);
  const t0 = wallMs();
  const endAt = t0 + SECONDS * 1000;
  log(`e2e ${mode}/${load}: ${CLIENTS} clients for ${SECONDS} s`);
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (wallMs() < endAt && bills.length < MAX_BILLS) {
        const who = pick();
        const bill = { claimId: `${prefix}${bills.length}`, memberId: who.memberId, householdId: who.householdId };
        bills.push(bill);
        bill.sentAt = wallMs();
        const res = await http.post(`${urls.claims}/bills`, { claimId: bill.claimId, memberId: who.memberId, ...BILL });
        bill.answeredAt = wallMs();
        bill.status = res.status;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 201 || res.status === 200) bill.statement = res.json;
        else if (!bill.error) bill.error = JSON.stringify(res.json).slice(0, 300);
      }
    }),
  );
  const sendEnd = wallMs();
  const cpu = process.cpuUsage(cpuBefore);
  // This process (the clients and the watcher) shares the two cores with the services.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const accepted = bills.filter((b) => b.statement);
  log(`e2e ${mode}/${load}: ${bills.length} bills sent, ${accepted.length} accepted; draining`);

  const drainDeadline = wallMs() + DRAIN_SECONDS * 1000;
  while (wallMs() < drainDeadline && accepted.some((b) => !watcher.seen.has(b.claimId))) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await watcher.stop();
  const drainEnd = wallMs();
  const snapshotAfter = await cpuSnapshot(databaseUrl, processes, watcher.backendPid);
  for (const b of bills) b.seenAt = watcher.seen.get(b.claimId) ?? null;

  // Every household touched, read once over HTTP: the ledger must hold every accepted bill.
  const households = [...new Set(bills.map((b) => b.householdId))];
  const ledgerLines = new Map();
  let ledgerReadErrors = 0;
  await inParallel(households, 8, async (householdId) => {
    const res = await http.get(`${urls.payout}/households/${householdId}/ledger?year=${YEAR}`);
    if (res.status !== 200) {
      ledgerReadErrors++;
      return;
    }
    for (const line of res.json.lines) {
      if (!line.claimId.startsWith(prefix)) continue;
      const l = ledgerLines.get(line.claimId) ?? [];
      l.push(line);
      ledgerLines.set(line.claimId, l);
    }
  });
  let neverInLedger = 0;
  let mismatched = 0;
  let inLedgerUntimed = 0;
  let rejectedButInLedger = 0;
  for (const b of bills) {
    const lines = ledgerLines.get(b.claimId) ?? [];
    if (!b.statement) {
      if (lines.length > 0) rejectedButInLedger++;
      continue;
    }
    if (lines.length === 0) {
      neverInLedger++;
      continue;
    }
    if (b.seenAt === null) inLedgerUntimed++;
    const paying = b.statement.layers.filter((l) => l.amount !== zero);
    const same =
      lines.length === paying.length &&
      lines.every((line) => paying.some((l) => l.fund === line.fund && l.amount === line.amount));
    if (!same) mismatched++;
  }

  const timed = accepted.filter((b) => b.seenAt !== null && (ledgerLines.get(b.claimId)?.length ?? 0) > 0);
  const lastSeen = timed.reduce((m, b) => Math.max(m, b.seenAt), t0);
  const latencies = timed.map((b) => b.seenAt - b.sentAt);
  const postLatencies = bills.map((b) => b.answeredAt - b.sentAt);
  const legs = await legsOf(databaseUrl, schemas, prefix, timed);
  const nonOk = bills.length - accepted.length;
  const result = {
    mode,
    load,
    clients: CLIENTS,
    members: load === 'one' ? 1 : people.spread.length,
    windowSeconds: SECONDS,
    billsSent: bills.length,
    accepted: accepted.length,
    settledEndToEnd: timed.length,
    billsPerSecond: timed.length > 0 ? round(timed.length / ((lastSeen - t0) / 1000), 1) : 0,
    acceptedPerSecond: round(accepted.length / ((sendEnd - t0) / 1000), 1),
    latencyMs: {
      p50: round(percentile(latencies, 50) ?? NaN, 1),
      p99: round(percentile(latencies, 99) ?? NaN, 1),
      max: round(Math.max(...latencies), 1),
    },
    postLatencyMs: {
      p50: round(percentile(postLatencies, 50) ?? NaN, 1),
      p99: round(percentile(postLatencies, 99) ?? NaN, 1),
    },
    errors: {
      nonOk,
      byStatus: Object.fromEntries(Object.entries(statuses).filter(([s]) => s !== '201' && s !== '200')),
      neverInLedger,
      mismatched,
      inLedgerUntimed,
      rejectedButInLedger,
      ledgerReadErrors,
      samples: [...new Set(bills.filter((b) => b.error).map((b) => `${b.status} ${b.error}`))].slice(0, 5),
    },
    drainSeconds: round((drainEnd - sendEnd) / 1000, 1),
    backlogAtWindowEnd: accepted.filter((b) => b.seenAt === null || b.seenAt > sendEnd).length,
    serviceLogBytes: logBytes() - logBefore,
    cpu: cpuPerBill(snapshotBefore, snapshotAfter, timed.length),
    watcher: { polls: watcher.polls, billsFoundByWholeTableRead: watcher.lateFinds },
    loadGeneratorCpuSeconds: round(cpuSeconds, 1),
    legs,
    window: { start: t0, end: Math.max(lastSeen, sendEnd) },
  };
  log(
    `e2e ${mode}/${load}: ${result.billsPerSecond} bills/s end to end, p50 ${result.latencyMs.p50} ms, ` +
      `p99 ${result.latencyMs.p99} ms; errors: ${nonOk} non-2xx ${JSON.stringify(result.errors.byStatus)}, ` +
      `${neverInLedger} never in the ledger, ${mismatched} mismatched`,
  );
  for (const s of result.errors.samples) log(`  e.g. ${s}`);
  return result;
}

/**
 * The legs of each timed bill's path, from the stores' own timestamps (recorded_at: the
 * start of the transaction that appended the event, server clock, same machine).
 */
async function legsOf(databaseUrl, schemas, prefix, timed) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const at = async (schema, types) => {
      const { rows } = await client.query(
        `select data->>'claimId' as claim, min(extract(epoch from recorded_at) * 1000)::float8 as ms
           from ${ident(schema)}.events
          where data->>'claimId' like $1 ${types ? 'and event_type = any($2)' : ''}
          group by 1`,
        types ? [`${prefix}%`, types] : [`${prefix}%`],
      );
      return new Map(rows.map((r) => [r.claim, r.ms]));
    };
    const settled = await at(schemas.claims, ['BillSettled']);
    const paid = await at(schemas.payout, null);
    const legs = { httpToSettle: [], settleToAnswer: [], settleToPayout: [], payoutToLedger: [] };
    for (const b of timed) {
      const s = settled.get(b.claimId);
      const p = paid.get(b.claimId);
      if (s === undefined || p === undefined) continue;
      legs.httpToSettle.push(s - b.sentAt);
      legs.settleToAnswer.push(b.answeredAt - s);
      legs.settleToPayout.push(p - s);
      legs.payoutToLedger.push(b.seenAt - p);
    }
    return Object.fromEntries(
      Object.entries(legs).map(([k, v]) => [
        k,
        { p50: round(percentile(v, 50) ?? NaN, 1), p99: round(percentile(v, 99) ?? NaN, 1), n: v.length },
      ]),
    );
  } catch (err) {
    return { error: `could not read the stores' timestamps: ${err.message}` };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------
// One mode: fresh database, services, population, the loads

async function deleteTopics(brokers, topicPrefix) {
  let admin = null;
  try {
    const { Kafka, logLevel } = requireFromRoot('kafkajs');
    admin = new Kafka({ clientId: 'aid-bench-e2e', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
    if (topics.length) await admin.deleteTopics({ topics });
  } catch (err) {
    log(`e2e: could not delete the topics under ${topicPrefix}: ${err.message}`);
  } finally {
    await admin?.disconnect().catch(() => undefined);
  }
}

async function runMode(mode) {
  const db = await freshDatabase(`e2e_${mode.slice(0, 4)}`);
  const tag = `${mode.slice(0, 3)}${randomBytes(2).toString('hex')}`;
  const topicPrefix = `bench-${runId()}-${tag}.`;
  const profileDir = CPU_PROF ? mkdtempSync(path.join(os.tmpdir(), `aid-bench-e2e-prof-${mode}-`)) : null;
  let services = null;
  // Each request as the agency whose work it is: civil affairs enrols, the bureau settles, finance reads payouts.
  const ROLE_OF = { enrollment: 'civil-affairs', claims: 'medical-insurance', payout: 'finance' };
  const http = httpClient({
    sockets: CLIENTS,
    headers: (_method, url) => {
      const service = Object.keys(ROLE_OF).find((name) => services && url.startsWith(services.urls[name]));
      return service ? bearerFor(ROLE_OF[service]) : {};
    },
  });
  try {
    log(`e2e ${mode}: starting the services on ${db.name}`);
    services =
      mode === 'embedded'
        ? await startEmbedded({ databaseUrl: db.url, cpuProfileDir: profileDir })
        : await startDistributed({
            databaseUrl: db.url,
            brokers: process.env.KAFKA_BROKERS,
            topicPrefix,
            cpuProfileDir: profileDir,
          });
    const people = population(MEMBERS);
    const setupSeconds = await enrol(http, services.urls, [
      ...(LOADS.includes('spread') ? people.spread : []),
      ...(LOADS.includes('one') ? [people.one] : []),
    ]);
    log(`e2e ${mode}: ${MEMBERS} households enrolled and known to claims in ${setupSeconds} s`);
    // The formatted zero, as payout writes it: a layer that paid nothing leaves no line.
    const empty = await expectOk(
      await http.get(`${services.urls.payout}/households/BH-NOBODY/ledger?year=${YEAR}`),
      'GET an empty ledger',
      [200],
    );
    const zero = empty.totals.total;
    const results = [];
    for (const load of LOADS) {
      results.push(
        await runLoad({
          mode,
          load,
          http,
          urls: services.urls,
          schemas: services.schemas,
          databaseUrl: db.url,
          people,
          tag,
          zero,
          processes: services.processes,
        }),
      );
    }
    const processes = services.processes;
    await services.stop();
    services = null;
    if (profileDir) {
      for (const r of results) r.cpuProfile = [];
      for (const { name: proc, exitedAt } of processes) {
        const stoppedAt = exitedAt();
        const dir = path.join(profileDir, proc);
        const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.cpuprofile'));
        if (files.length === 0) {
          log(`e2e ${mode}: no CPU profile from ${proc}`);
          continue;
        }
        const profile = JSON.parse(await readFile(path.join(dir, files[0]), 'utf8'));
        for (const r of results) {
          r.cpuProfile.push({
            process: proc,
            ...summariseCpuProfile(profile, {
              fromMsBeforeEnd: stoppedAt - r.window.start,
              toMsBeforeEnd: stoppedAt - r.window.end,
            }),
          });
        }
      }
      await rm(profileDir, { recursive: true, force: true });
    }
    return { setupSeconds, results };
  } finally {
    http.close();
    if (services) await services.stop().catch(() => undefined);
    if (mode === 'distributed' && process.env.KAFKA_BROKERS) await deleteTopics(process.env.KAFKA_BROKERS, topicPrefix);
    await db.drop();
  }
}

// ---------------------------------------------------------------------------------------

const LOAD_TEXT = { spread: (n) => `${n.toLocaleString('en')} members`, one: () => 'one member' };

function row(r) {
  return {
    bench: 'e2e',
    scenario: `${r.mode}: ${r.clients} clients, ${LOAD_TEXT[r.load](r.members)}`,
    unit: 'bills/s',
    ours: r.billsPerSecond,
    peer: null,
    limit: GOAL.billsPerSecond,
    oursLabel: 'POST /bills on claims until the bill’s first line is visible in payout’s household ledger',
    peerLabel: 'none',
    limitLabel: `the goal: ${GOAL.billsPerSecond.toLocaleString('en')} bills/s with p99 < ${GOAL.p99Ms} ms`,
    details: r,
  };
}

function fmtMs(n) {
  return Number.isFinite(n) ? String(Math.round(n)) : 'n/a';
}

/** The e2e table: the figures the generic table has no column for. */
function e2eTable(results) {
  return {
    title: 'End to end: HTTP bill → household ledger line',
    header: [
      'Mode',
      'Load',
      'Bills sent',
      'Bills/s',
      'p50 ms',
      'p99 ms',
      'Non-2xx',
      'Never in ledger',
      'Mismatched',
      'Goal',
    ],
    rows: results.map((r) => [
      r.mode,
      `${r.clients} clients, ${LOAD_TEXT[r.load](r.members)}`,
      r.billsSent.toLocaleString('en'),
      Math.round(r.billsPerSecond).toLocaleString('en'),
      fmtMs(r.latencyMs.p50),
      fmtMs(r.latencyMs.p99),
      r.errors.nonOk === 0
        ? '0'
        : `${r.errors.nonOk} (${Object.entries(r.errors.byStatus)
            .map(([s, n]) => `${n}× ${s === '0' ? 'no answer' : s}`)
            .join(', ')})`,
      String(r.errors.neverInLedger),
      String(r.errors.mismatched),
      r.billsPerSecond >= GOAL.billsPerSecond &&
      r.latencyMs.p99 < GOAL.p99Ms &&
      r.errors.nonOk + r.errors.neverInLedger === 0
        ? 'met'
        : 'not met',
    ]),
  };
}

/** Where a bill's time goes: the legs of its path, from the stores' timestamps. */
function legsTable(results) {
  const leg = (r, k) => (r.legs?.[k] ? `${fmtMs(r.legs[k].p50)} / ${fmtMs(r.legs[k].p99)}` : 'n/a');
  return {
    title: 'End to end: where a bill’s time goes (ms, p50 / p99)',
    header: [
      'Mode',
      'Load',
      'POST sent → settled in claims',
      'settled → POST answered',
      'settled in claims → recorded in payout',
      'recorded in payout → ledger line visible',
      'POST answered (p50 / p99)',
    ],
    rows: results.map((r) => [
      r.mode,
      LOAD_TEXT[r.load](r.members),
      leg(r, 'httpToSettle'),
      leg(r, 'settleToAnswer'),
      leg(r, 'settleToPayout'),
      leg(r, 'payoutToLedger'),
      `${fmtMs(r.postLatencyMs.p50)} / ${fmtMs(r.postLatencyMs.p99)}`,
    ]),
  };
}

/** CPU per settled bill, by process: what caps the rate when the cores are busy. */
function cpuTable(results) {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.cpu?.msPerBill ?? {})))].filter(
    (n) => !['postgres', 'benchClientsAndWatcher', 'total', 'totalWithoutTheBench'].includes(n),
  );
  const ms = (v) => (v === null || v === undefined ? 'n/a' : v.toFixed(1));
  return {
    title: 'End to end: CPU per settled bill (ms, all threads, send window and drain)',
    header: [
      'Mode',
      'Load',
      ...names,
      'PostgreSQL backends',
      'services + PostgreSQL',
      'bench clients + watcher',
      'cores busy',
    ],
    rows: results.map((r) => [
      r.mode,
      LOAD_TEXT[r.load](r.members),
      ...names.map((n) => ms(r.cpu?.msPerBill[n])),
      ms(r.cpu?.msPerBill.postgres),
      ms(r.cpu?.msPerBill.totalWithoutTheBench),
      ms(r.cpu?.msPerBill.benchClientsAndWatcher),
      r.cpu ? `${r.cpu.coresUsedByThisRun} of ${r.cpu.cores}` : 'n/a',
    ]),
  };
}

async function main() {
  const loadBefore = os.loadavg();
  const modes = {};
  const all = [];
  for (const mode of MODES) {
    modes[mode] = await runMode(mode);
    all.push(...modes[mode].results);
  }
  return {
    name: 'e2e',
    settings: {
      quick,
      modes: MODES,
      loads: LOADS,
      clients: CLIENTS,
      members: MEMBERS,
      seconds: SECONDS,
      maxBills: MAX_BILLS,
      drainSeconds: DRAIN_SECONDS,
      bill: BILL,
      cpuProfile: CPU_PROF,
      goal: GOAL,
    },
    loadAverage: { before: loadBefore, after: os.loadavg() },
    setupSeconds: Object.fromEntries(Object.entries(modes).map(([m, v]) => [m, v.setupSeconds])),
    rows: all.map(row),
    tables: [e2eTable(all), legsTable(all), cpuTable(all)],
  };
}

const result = await main();
if (args.json) await writeFile(String(args.json), JSON.stringify(result, null, 2));
else process.stdout.write(JSON.stringify(result, null, 2) + '\n');
