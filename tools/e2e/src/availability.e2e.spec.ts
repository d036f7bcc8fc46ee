import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import {
  bearer,
  startKafka,
  startService,
  testDatabaseUrl,
  testToken,
  waitFor,
  type KafkaBroker,
  type RunningProcess,
} from '@aid/testing';
import { DEMO_BILLS } from '../../embedded/src/demo-data';
import { loadDemo } from '../../embedded/src/load-demo';
import { getJson } from './flow';

/**
 * Fault drills on a broker of their own, which they stop and start again: a service killed
 * with SIGKILL under load answers HTTP again within 3 s of its restart; claims starts and
 * settles bills with the broker down (bills need only PostgreSQL) and says on /ready that
 * the broker is away; once the broker is back, every consumer and relay resumes by itself.
 */
jest.setTimeout(180_000);

type Name = 'enrollment' | 'claims' | 'payout';
const NAMES: Name[] = ['enrollment', 'claims', 'payout'];
/** A behaviour bound, not a benchmark: the edge must not wait for the broker or a group join. */
const HTTP_AFTER_RESTART_MS = 3_000;

const suffix = randomBytes(3).toString('hex');
const schemas: Record<Name, string> = {
  enrollment: `t_avail_enr_${suffix}`,
  claims: `t_avail_clm_${suffix}`,
  payout: `t_avail_pay_${suffix}`,
};
let broker: KafkaBroker;
const running: Partial<Record<Name, RunningProcess>> = {};
const urls: Record<Name, string> = { enrollment: '', claims: '', payout: '' };

function env(name: Name): Record<string, string> {
  return {
    DATABASE_URL: testDatabaseUrl(),
    KAFKA_BROKERS: broker.brokers,
    [`${name.toUpperCase()}_SCHEMA`]: schemas[name],
  };
}

async function start(name: Name, port = '0'): Promise<void> {
  running[name] = await startService(name, { ...env(name), [`${name.toUpperCase()}_PORT`]: port });
  urls[name] = running[name]!.url;
}

async function kill9(name: Name): Promise<void> {
  const { child } = running[name]!;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

/** Restarts a killed service on its port and returns once /health answered, or fails after the bound. */
async function restartAndAnswer(name: Name): Promise<void> {
  const port = new URL(urls[name]).port;
  const started = start(name, port);
  try {
    await waitFor(async () => (await fetch(`${urls[name]}/health`)).status === 200, HTTP_AFTER_RESTART_MS, {
      intervalMs: 20,
      message: `${name} answering /health within ${HTTP_AFTER_RESTART_MS} ms of its restart`,
    });
  } finally {
    // Late or not, the process is tracked, so that afterAll stops it.
    await started.catch(() => undefined);
  }
  await started;
}

async function ready(name: Name): Promise<{
  status: number;
  body: {
    status: string;
    reasons: string[];
    broker: { connected: boolean };
    consumers: { name: string; state: string }[];
  };
}> {
  return getJson(`${urls[name]}/ready`);
}

async function postBill(bill: object): Promise<number> {
  const res = await fetch(`${urls.claims}/bills`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer('medical-insurance') },
    body: JSON.stringify(bill),
  });
  await res.text();
  return res.status;
}

/** A small chronic outpatient bill of a demo member who has the certified disease it needs. */
const chronicBill = (claimId: string, day: string) => ({
  ...DEMO_BILLS[3],
  claimId,
  admissionDate: `2019-11-${day}`,
  dischargeDate: `2019-11-${day}`,
  totalCost: '10.00',
  eligibleCost: '10.00',
});

beforeAll(async () => {
  broker = await startKafka();
  for (const name of NAMES) await start(name);
  expect(await loadDemo(urls, (role) => testToken(role))).toBe(true);
  for (const name of NAMES)
    await waitFor(async () => (await ready(name)).status === 200, 30_000, { message: `${name} ready` });
});

afterAll(async () => {
  for (const name of NAMES) await running[name]?.stop();
  await broker?.stop();
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
  for (const s of Object.values(schemas)) await pool.query(`drop schema if exists ${s} cascade`);
  await pool.end();
});

describe('availability under faults, on a real broker', () => {
  it('answers HTTP within 3 s of a restart after SIGKILL under load, and gets ready again by itself', async () => {
    let stop = false;
    let settled = 0;
    const load = (async () => {
      for (let i = 0; !stop; i++) {
        const status = await postBill(chronicBill(`XA-2019-L${String(i).padStart(3, '0')}`, '05')).catch(() => 0);
        if (status === 201) settled++;
        // A client retries a refused connection after a pause, not in a loop that takes the CPU
        // the restarting service needs.
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await waitFor(() => settled >= 3, 30_000, { message: 'bills settled under load' });
    await kill9('claims');
    await restartAndAnswer('claims');
    stop = true;
    await load;

    const r = await waitFor(
      async () => {
        const answer = await ready('claims');
        return answer.status === 200 ? answer.body : null;
      },
      60_000,
      { message: 'claims ready again' },
    );
    expect(r?.consumers).toEqual([expect.objectContaining({ name: 'claims.member-view', state: 'running' })]);
  });

  it('starts claims and settles a bill while the broker is down; /ready says the broker is down', async () => {
    await broker.halt();
    await kill9('claims');
    await restartAndAnswer('claims');

    expect(await postBill(chronicBill('XA-2019-DOWN1', '20'))).toBe(201);
    const { status, body } = await ready('claims');
    expect(status).toBe(503);
    expect(body.status).toBe('not ready');
    expect(body.broker.connected).toBe(false);
    expect(body.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^broker: not connected/)]));
    expect((await ready('payout')).status).toBe(503);
  });

  it('resumes every consumer and relay by itself once the broker is back', async () => {
    await broker.resume();

    // Settled while the broker was down: the relay publishes it now, payout records it.
    const payables = await waitFor(
      async () => {
        const { status, body } = await getJson(`${urls.payout}/claims/XA-2019-DOWN1/payables`);
        return status === 200 && body.payables?.length > 0 && body;
      },
      90_000,
      { message: 'the bill settled during the outage in payout' },
    );
    expect(payables.claimId).toBe('XA-2019-DOWN1');

    // Produced after the broker returned: enrollment to claims.
    const res = await fetch(`${urls.enrollment}/members/XA-0001-2/diseases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer('civil-affairs') },
      body: JSON.stringify({ kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-12-01' }),
    });
    expect(res.status).toBe(201);
    await waitFor(
      async () => {
        const { body } = await getJson(`${urls.claims}/members/XA-0001-2/eligibility?date=2019-12-02`);
        return body.majorDisease === true;
      },
      60_000,
      { message: 'claims learning of a disease certified after the broker returned' },
    );

    for (const name of NAMES) {
      await waitFor(async () => (await ready(name)).status === 200, 60_000, { message: `${name} ready again` });
    }
  });
});
