import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Chainer, PostgresEventStore } from '@aid/event-store';
import { createTestSchema, waitFor, type TestSchema } from '@aid/testing';
import { main } from '../main';

/**
 * `aid verify`, `aid checkpoint` and `aid keys` on a real store: in this process through
 * `main` (as scripts/aid.mjs calls it), and as a child process where the point is what the
 * process sees (its exit status, an environment without a database).
 */
const root = path.resolve(__dirname, '..', '..', '..', '..');
let db: TestSchema;
let store: PostgresEventStore;
let dir: string;
let privateKey: string;
let publicKey: string;

async function aid(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    stdout: (t) => (stdout += typeof t === 'string' ? t : Buffer.from(t).toString()),
    stderr: (t) => (stderr += t),
  });
  return { status, stdout, stderr };
}

async function append(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await store.appendToStream(`claim-${i % 3}`, [{ eventId: randomUUID(), type: 'Submitted', data: { n: i } }]);
  }
  const { rows } = await db.pool.query(`select count(*)::int as n from ${db.schema}.events`);
  await chainUntil(rows[0].n);
}

/** Chains until the chain has `links` links: another test's open transaction anywhere in the database holds the visible horizon back for a while. */
async function chainUntil(links: number): Promise<void> {
  const c = new Chainer({ pool: db.pool, schema: db.schema });
  await waitFor(
    async () => {
      await c.catchUp();
      const { rows } = await db.pool.query(`select count(*)::int as n from ${db.schema}.event_hashes`);
      return rows[0].n === links;
    },
    10_000,
    { message: `the chain to reach ${links} links` },
  );
}

const file = (name: string): string => path.join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'aid-verify-test-'));
  privateKey = file('key.pem');
  publicKey = file('key.pub.pem');
  expect(await aid('keys', 'generate', '--private-key', privateKey, '--public-key', publicKey)).toMatchObject({
    status: 0,
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  db = await createTestSchema('aid_verify', { max: 4 });
  store = new PostgresEventStore({ pool: db.pool, schema: db.schema });
  await store.migrate();
});
afterEach(() => db.drop());

describe('aid verify', () => {
  it('says intact and exits 0, through npm run as a user types it', async () => {
    await append(5);
    const run = spawnSync('npm', ['run', '--silent', 'aid', '--', 'verify', '--schema', db.schema], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^verify \S+: intact\nchained events: 5\nhead: link 5, global position 5, hash [0-9a-f]{64}\nnot yet chained: 0\n$/,
    );
  });

  it('names the altered event and exits 1', async () => {
    await append(5);
    const { rows } = await db.pool.query(
      `select event_id::text as id from ${db.schema}.events where global_position = 2`,
    );
    await db.pool.query(`update ${db.schema}.events set data = '{"amountFen": 999999}' where global_position = 2`);
    const run = await aid('verify', '--schema', db.schema);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `: broken\nfirst break: altered\nglobal position: 2\nstream: claim-1 version 1\nevent id: ${rows[0].id}\nchain link: 2 (links 1 to 1 verified)\n`,
    );
  });
});

describe('aid checkpoint', () => {
  it('exports a checkpoint that verifies without any database', async () => {
    await append(4);
    const exported = await aid(
      'checkpoint',
      'export',
      '--schema',
      db.schema,
      '--key',
      privateKey,
      '--out',
      file('cp.json'),
    );
    expect(exported).toMatchObject({ status: 0, stderr: '' });
    const checkpoint = JSON.parse(readFileSync(file('cp.json'), 'utf8'));
    expect(checkpoint).toMatchObject({ schema: db.schema, lastPosition: '4', eventCount: 4 });

    const { DATABASE_URL: _, ...noDatabase } = process.env;
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'scripts', 'aid.mjs'),
        'checkpoint',
        'verify',
        '--file',
        file('cp.json'),
        '--public-key',
        publicKey,
      ],
      { cwd: root, encoding: 'utf8', env: noDatabase },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `checkpoint: valid\nschema: ${db.schema}\nevent count: 4\nlast position: 4\nhead hash: ${checkpoint.headHash}\n`,
    );
  });

  it('refuses a tampered checkpoint, naming the signature', async () => {
    await append(3);
    const exported = await aid('checkpoint', 'export', '--schema', db.schema, '--key', privateKey);
    const tampered = { ...JSON.parse(exported.stdout), eventCount: 2 };
    writeFileSync(file('tampered.json'), JSON.stringify(tampered));
    const run = await aid('checkpoint', 'verify', '--file', file('tampered.json'), '--public-key', publicKey);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^checkpoint: invalid\nproblem: signature: /);
  });

  it('holds the database to a checkpoint: passes while history stands, fails once it was rewritten with its chain', async () => {
    await append(4);
    await aid('checkpoint', 'export', '--schema', db.schema, '--key', privateKey, '--out', file('before.json'));
    await append(2);
    const against = ['verify', '--schema', db.schema, '--against', file('before.json'), '--public-key', publicKey];
    const standing = await aid(...against);
    expect(standing.status).toBe(0);
    expect(standing.stdout).toContain('checkpoint: matches (link 4, global position 4,');

    // An insider with write access to both tables alters an event and rebuilds the chain over it.
    await db.pool.query(`update ${db.schema}.events set data = '{"amountFen": 1}' where global_position = 3`);
    await db.pool.query(`delete from ${db.schema}.event_hashes`);
    await chainUntil(6);
    expect((await aid('verify', '--schema', db.schema)).status).toBe(0);
    const rewritten = await aid(...against);
    expect(rewritten.status).toBe(1);
    expect(rewritten.stdout).toMatch(
      /first break: checkpoint\ndetail: the checkpoint's link 4 \(global position 4\) has hash [0-9a-f]{64}, the database's [0-9a-f]{64}/,
    );
  });

  it('fails --against when history the checkpoint covers was cut off', async () => {
    await append(4);
    await aid('checkpoint', 'export', '--schema', db.schema, '--key', privateKey, '--out', file('cut.json'));
    await db.pool.query(`delete from ${db.schema}.events where global_position > 2`);
    await db.pool.query(`delete from ${db.schema}.event_hashes where seq > 2`);
    const run = await aid('verify', '--schema', db.schema, '--against', file('cut.json'), '--public-key', publicKey);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("is not in the database's chain");
  });

  it('writes no checkpoint of a broken chain', async () => {
    await append(3);
    await db.pool.query(`delete from ${db.schema}.events where global_position = 1`);
    const run = await aid('checkpoint', 'export', '--schema', db.schema, '--key', privateKey);
    expect(run).toMatchObject({ status: 1, stdout: '' });
    expect(run.stderr).toContain('first break: removed');
  });
});

describe('bad arguments exit 2 and name the flag', () => {
  it.each<[string, () => string[], string]>([
    ['no --schema', () => ['verify'], 'no --schema given'],
    ['a bad --schema', () => ['verify', '--schema', 'Claims;drop'], '--schema: "Claims;drop"'],
    [
      'a schema without a chain',
      () => ['verify', '--schema', 'no_such_schema'],
      '--schema: no event store with a hash chain',
    ],
    ['an unknown option', () => ['verify', '--schema', 'x', '--fast'], 'unknown option --fast'],
    ['an option without its value', () => ['verify', '--schema'], '--schema needs a value'],
    ['an option twice', () => ['verify', '--schema', 'a', '--schema', 'b'], '--schema given twice'],
    [
      'a bad --database-url',
      () => ['verify', '--schema', 'x', '--database-url', 'mysql://x'],
      '--database-url: "mysql://x"',
    ],
    [
      '--against without --public-key',
      () => ['verify', '--schema', 'x', '--against', file('cp.json')],
      '--against needs --public-key',
    ],
    [
      '--public-key without --against',
      () => ['verify', '--schema', 'x', '--public-key', publicKey],
      '--public-key is only for --against',
    ],
    [
      'an unreadable --public-key',
      () => ['verify', '--schema', 'x', '--against', file('cp.json'), '--public-key', file('none.pem')],
      '--public-key: cannot read',
    ],
    [
      'a --public-key that is no key',
      () => ['checkpoint', 'verify', '--file', file('x.json'), '--public-key', path.join(root, 'package.json')],
      '--public-key: ',
    ],
    [
      'an unreadable --file',
      () => ['checkpoint', 'verify', '--file', file('none.json'), '--public-key', publicKey],
      '--file: cannot read',
    ],
    ['checkpoint verify without --file', () => ['checkpoint', 'verify', '--public-key', publicKey], 'no --file given'],
    ['checkpoint export without --key', () => ['checkpoint', 'export', '--schema', 'x'], 'no --key given'],
    ['a public key as --key', () => ['checkpoint', 'export', '--schema', 'x', '--key', publicKey], '--key: '],
    ['checkpoint without an action', () => ['checkpoint'], 'no action given'],
    [
      'keys generate without --public-key',
      () => ['keys', 'generate', '--private-key', file('k2.pem')],
      'no --public-key given',
    ],
    [
      'keys generate over an existing file',
      () => ['keys', 'generate', '--private-key', privateKey, '--public-key', file('k3.pem')],
      '--private-key: cannot write',
    ],
  ])('%s', async (_, argv, message) => {
    const run = await aid(...argv());
    expect(run.stderr).toContain(message);
    expect(run).toMatchObject({ status: 2, stdout: '' });
  });
});
