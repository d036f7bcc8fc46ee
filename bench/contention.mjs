// Contention benchmark (not a test): many bills of ONE member submitted to claims at once,
// through the real submitBill use case on real PostgreSQL, under the two ways the command
// handler can handle concurrency (docs/adr/0007):
//   serialised — a transaction-scoped advisory lock per stream read, taken before reading;
//   optimistic — no lock: a bill that loses the race is decided again, up to --attempts.
// A third cell spreads the same number of bills over as many members (no contention), to
// show what the lock costs when nobody waits for it.
//
// Reports, per cell, bills/s of wall time, errors (bills not settled) and decisions per bill
// (how often the member-year stream was read and decided on: 1 means no work was redone).
//
//   node scripts/build.mjs && DATABASE_URL=postgres://... node bench/contention.mjs \
//     [--bills 20,100] [--runs 3] [--pool 10] [--attempts 10] [--json FILE]
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dist, freshDatabase, log, parseArgs, pg, root } from './lib/common.mjs';

const args = parseArgs();
const billCounts = String(args.bills ?? '20,100').split(',').map(Number);
const runs = Number(args.runs ?? 3);
const poolSize = Number(args.pool ?? 10);
// What claims' own loop allowed before the lock (services/claims/src/settle-bill, before ADR 0007).
const optimisticAttempts = Number(args.attempts ?? 10);

const { PostgresEventStore } = dist('libs/event-store/src/index.js');
const { submitBill } = dist('services/claims/src/settle-bill/submit-bill.handler.js');
const { memberViewDdl } = dist('services/claims/src/member-view/member-view.schema.js');
const { facilitiesDdl } = dist('services/claims/src/facilities/facility-records.js');
const { runFacilityCommand } = dist('services/claims/src/facilities/facilities.handler.js');
const { applyEnrollmentEvent } = dist('services/claims/src/member-view/apply-enrollment-event.js');
const { PolicyBook } = dist('services/claims/src/policies/policy-book.js');
const { formatYuan } = dist('libs/money/src/index.js');

const policies = PolicyBook.fromDirectory(path.join(root, 'config', 'policies'));

const enrollment = (type, data) => ({ type, data, envelope: {} });

async function enrolMembers(pool, schema, memberIds) {
  await applyEnrollmentEvent(
    pool,
    schema,
    enrollment('HouseholdRegistered', {
      householdId: 'HH1',
      region: 'xingan-league',
      address: { province: '内蒙古', city: '兴安盟', county: '科尔沁右翼前旗', township: '某镇', village: '某村' },
      registeredOn: '2016-05-01',
      categories: ['POOR'],
    }),
  );
  for (const memberId of memberIds) {
    await applyEnrollmentEvent(
      pool,
      schema,
      enrollment('MemberAdded', {
        householdId: 'HH1',
        memberId,
        relation: 'CHILD',
        birthDate: '1980-01-01',
        sex: 'MALE',
        categories: [],
        addedOn: '2016-05-01',
      }),
    );
    await applyEnrollmentEvent(
      pool,
      schema,
      enrollment('MemberInsured', { householdId: 'HH1', memberId, year: 2019, premium: '220.00', premiumSubsidy: '220.00' }),
    );
  }
}

function bill(memberId, i) {
  const totalFen = 150_000 + ((i * 7_919_113) % 6_000_000);
  return {
    claimId: `${memberId}-${i}-${randomUUID().slice(0, 8)}`,
    memberId,
    hospitalId: 'H-county',
    admissionDate: '2019-03-01',
    dischargeDate: '2019-03-10',
    visitType: 'INPATIENT',
    totalCost: formatYuan(totalFen),
    eligibleCost: formatYuan(totalFen - (totalFen % 10_000)),
  };
}

/** One cell on a fresh schema: n bills at once; members: 1 (contended) or n (one each). */
async function cell(url, { mode, bills: n, members }) {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const schema = `c_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  try {
    await pool.query(`create schema ${schema}`);
    const store = new PostgresEventStore({ pool, schema });
    await store.migrate();
    await pool.query(memberViewDdl(schema));
    await pool.query(facilitiesDdl(schema));
    // Bills are settled only from a designated facility; its level and county flag are the registry's.
    await runFacilityCommand(
      { store, pool, schema, newId: randomUUID },
      {
        type: 'DesignateFacility',
        data: {
          facilityId: 'H-county', name: 'county hospital', level: 'SECONDARY', county: 'county', region: 'xingan-league',
          inCounty: true, designatedFrom: '2015-01-01', designatedUntil: null, accounts: {}, at: '2019-01-01T00:00:00.000Z',
        },
      },
      { correlationId: 'bench' },
    );
    const memberIds = Array.from({ length: members }, (_, i) => `M${i}`);
    await enrolMembers(pool, schema, memberIds);

    let decisions = 0;
    const counting = Object.create(store);
    counting.readStreamWith = (client, streamId, options) => {
      if (streamId.startsWith('member-year-')) decisions++;
      return store.readStreamWith(client, streamId, options);
    };
    const deps = { store: counting, pool, schema, policies, newId: randomUUID, now: () => new Date('2019-12-31T00:00:00Z') };
    const options = mode === 'optimistic' ? { concurrency: 'optimistic', retry: { maxAttempts: optimisticAttempts } } : {};
    const submissions = Array.from({ length: n }, (_, i) => bill(memberIds[i % members], i));

    const started = process.hrtime.bigint();
    const outcomes = await Promise.allSettled(submissions.map((b) => submitBill(deps, b, { correlationId: randomUUID() }, options)));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const errors = outcomes.filter((o) => o.status === 'rejected').length;
    const { rows } = await pool.query(`select count(*)::int as n from ${schema}.events where event_type = 'BillSettled'`);
    return { settled: rows[0].n, errors, billsPerSecond: n / seconds, decisionsPerBill: decisions / n };
  } finally {
    await pool.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await pool.end();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const db = await freshDatabase('contention');
  const results = [];
  try {
    // Warm-up, not reported: JIT, prepared statements, the database's caches.
    await cell(db.url, { mode: 'serialised', bills: 50, members: 5 });
    for (const n of billCounts) {
      const cells = [
        { mode: 'optimistic', bills: n, members: 1 },
        { mode: 'serialised', bills: n, members: 1 },
        { mode: 'optimistic', bills: n, members: n },
        { mode: 'serialised', bills: n, members: n },
      ];
      for (const c of cells) {
        const samples = [];
        for (let r = 0; r < runs; r++) samples.push(await cell(db.url, c));
        const row = {
          ...c,
          billsPerSecond: Math.round(median(samples.map((s) => s.billsPerSecond))),
          errors: samples.map((s) => s.errors),
          settled: samples.map((s) => s.settled),
          decisionsPerBill: Number(median(samples.map((s) => s.decisionsPerBill)).toFixed(2)),
        };
        results.push(row);
        log(
          `${String(n).padStart(4)} bills, ${c.members === 1 ? 'one member ' : 'one each   '} ${c.mode.padEnd(10)}`,
          `${String(row.billsPerSecond).padStart(6)} bills/s`,
          `errors ${row.errors.join('/')}`,
          `decisions/bill ${row.decisionsPerBill}`,
        );
      }
    }
  } finally {
    await db.drop();
  }
  const report = { poolSize, optimisticAttempts, runs, results };
  if (args.json) await writeFile(args.json, JSON.stringify(report, null, 2));
  else process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
