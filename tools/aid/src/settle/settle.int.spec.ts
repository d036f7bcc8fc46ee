import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `aid settle` as a user runs it: the real command in a child process, through
 * scripts/aid.mjs (which builds what is stale), on files.
 */
const root = path.resolve(__dirname, '..', '..', '..', '..');
const fixtures = path.join(root, 'libs', 'settlement', 'test-fixtures');
const examplePolicy = path.join(fixtures, 'xingan-2019.yaml');
const exampleClaims = path.join(fixtures, 'xingan-2019.claims.jsonl');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function aid(...args: string[]): Run {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'aid.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'aid-settle-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const full = path.join(dir, name);
  writeFileSync(full, content);
  return full;
}

const exampleYaml = (): string => readFileSync(examplePolicy, 'utf8');
const exampleLines = (): string[] => readFileSync(exampleClaims, 'utf8').trim().split('\n');
const exampleBill = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...JSON.parse(exampleLines()[0]),
  ...changes,
});
const jsonl = (...bills: unknown[]): string =>
  bills.map((b) => (typeof b === 'string' ? b : JSON.stringify(b))).join('\n') + '\n';

/** Expected output: the expected file's objects, written compactly in the order of their keys. */
function expectedOutput(expectedFile: string): string {
  return jsonl(
    ...readFileSync(expectedFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  );
}

describe('aid settle', () => {
  describe('worked examples of docs/settlement.md', () => {
    const sources = readdirSync(fixtures)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(fixtures, f.replace(/\.yaml$/, '')));

    it.each(sources)('%s comes out exactly, to the fen and the byte', (base) => {
      const run = aid('settle', '--policy', `${base}.yaml`, '--claims', `${base}.claims.jsonl`);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(expectedOutput(`${base}.expected.jsonl`));
    });

    it('runs the same through npm run --silent aid --', () => {
      const npm = spawnSync(
        'npm',
        ['run', '--silent', 'aid', '--', 'settle', '--policy', examplePolicy, '--claims', exampleClaims],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
      expect(npm.status).toBe(0);
      expect(npm.stdout).toBe(expectedOutput(path.join(fixtures, 'xingan-2019.expected.jsonl')));
    });

    it('reads lines the fast path leaves alone (spaces, other key order, escapes, CRLF, a BOM) the same way', () => {
      const reformatted = exampleLines().map((line, i) => {
        const bill = JSON.parse(line) as Record<string, unknown>;
        const reordered = Object.fromEntries(Object.entries(bill).reverse());
        return i % 2 === 0
          ? JSON.stringify(reordered, null, 1).replace(/\n/g, ' ')
          : JSON.stringify(bill).replace('"X', '"\\u0058');
      });
      const claims = file('reformatted.jsonl', '\ufeff' + reformatted.join('\r\n') + '\r\n');
      const run = aid('settle', '--policy', examplePolicy, '--claims', claims);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(expectedOutput(path.join(fixtures, 'xingan-2019.expected.jsonl')));
    });
  });

  describe('several policies', () => {
    const big = (claimId: string, serviceDate: string) =>
      exampleBill({
        claimId,
        memberId: 'M9',
        serviceDate,
        categories: [],
        facilityLevel: 'TERTIARY',
        totalCost: '300000',
        eligibleCost: '250000',
      });

    it("settles each bill under its year's policy, and starts the member's totals again in a new year", () => {
      const policy2020 = file('xingan-2020.yaml', exampleYaml().replace(/^year: 2019$/m, 'year: 2020'));
      const claims = file(
        'two-years.jsonl',
        jsonl(big('A', '2019-12-30'), big('B', '2020-01-02'), big('C', '2019-12-31')),
      );
      const run = aid('settle', '--policy', examplePolicy, '--policy', policy2020, '--claims', claims);
      expect(run.status).toBe(0);
      // The 150000 basic-insurance cap: used up by A in 2019, fresh for B in 2020, nothing left for C in 2019.
      expect(
        run.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).basicMedical),
      ).toEqual(['150000.00', '150000.00', '0.00']);
    });

    it('reads a policy written as JSON', () => {
      const { parse } = require('yaml') as typeof import('yaml');
      const asJson = file('xingan-2019.json', JSON.stringify(parse(exampleYaml()), null, 2));
      const run = aid('settle', '--policy', asJson, '--claims', exampleClaims);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(expectedOutput(path.join(fixtures, 'xingan-2019.expected.jsonl')));
    });

    it('refuses two policies for one year, and policies of two regions', () => {
      const again = file('again-2019.yaml', exampleYaml());
      const other = file(
        'other-2020.yaml',
        exampleYaml()
          .replace('region: xingan-league', 'region: zhangwu')
          .replace(/^year: 2019$/m, 'year: 2020'),
      );
      const run = aid(
        'settle',
        '--policy',
        examplePolicy,
        '--policy',
        again,
        '--policy',
        other,
        '--claims',
        exampleClaims,
      );
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`${again}:6: year: 2019 is already the year of ${examplePolicy}`);
      expect(run.stderr).toContain(`${other}:5: region: "zhangwu" is not the region of ${examplePolicy}`);
    });
  });

  it('prints nothing for an empty file of bills', () => {
    const run = aid('settle', '--policy', examplePolicy, '--claims', file('empty.jsonl', ''));
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('holds a large output back whole (past its in-memory buffer) and prints all of it, or none of it', () => {
    const bills = Array.from({ length: 30_000 }, (_, i) => exampleBill({ claimId: `L${i}`, memberId: `M${i % 5000}` }));
    const good = aid('settle', '--policy', examplePolicy, '--claims', file('large.jsonl', jsonl(...bills)));
    expect(good.status).toBe(0);
    const lines = good.stdout.trim().split('\n');
    expect(lines).toHaveLength(30_000);
    expect(JSON.parse(lines[0])).toEqual({
      ...JSON.parse(expectedOutput(path.join(fixtures, 'xingan-2019.expected.jsonl')).split('\n')[0]),
      claimId: 'L0',
    });
    expect(JSON.parse(lines[29_999]).claimId).toBe('L29999');

    const bad = aid(
      'settle',
      '--policy',
      examplePolicy,
      '--claims',
      file('large-bad.jsonl', jsonl(...bills, '{"claimId":')),
    );
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/large-bad\.jsonl:30001: \(line\): not JSON/);
  });

  describe('bad bills: nothing on stdout, every problem on stderr with its line and field, exit 2', () => {
    const cases: [string, unknown, string][] = [
      ['a line that is not JSON', '{"claimId": "X1",', '(line): not JSON'],
      ['an empty line', '', '(line): empty line'],
      ['JSON that is not an object', '[1, 2]', '(bill): must be a JSON object'],
      [
        'a missing field',
        (() => {
          const b = exampleBill({ claimId: 'A4' });
          delete b.insured;
          return b;
        })(),
        'insured: missing',
      ],
      ['an unknown field', exampleBill({ claimId: 'A5', hospital: 'H1' }), 'hospital: unknown field'],
      [
        'three decimals',
        exampleBill({ claimId: 'A6', totalCost: '12000.001' }),
        'totalCost: has more than two decimals',
      ],
      ['below zero', exampleBill({ claimId: 'A7', eligibleCost: '-5' }), 'eligibleCost: is below zero'],
      [
        'an amount as a number',
        exampleBill({ claimId: 'A8', totalCost: 12000 }),
        'totalCost: must be a yuan amount as a string',
      ],
      [
        'E > T',
        exampleBill({ claimId: 'A9', eligibleCost: '12000.01' }),
        'eligibleCost: 12000.01 is more than totalCost 12000.00',
      ],
      [
        'an unknown level',
        exampleBill({ claimId: 'A10', facilityLevel: 'CLINIC' }),
        'facilityLevel: unknown facilityLevel "CLINIC"',
      ],
      [
        'an unknown visit type',
        exampleBill({ claimId: 'A11', visitType: 'EMERGENCY' }),
        'visitType: unknown visitType "EMERGENCY"',
      ],
      [
        'an unknown category',
        exampleBill({ claimId: 'A12', categories: ['POOR', 'VETERAN'] }),
        'categories[1]: unknown category "VETERAN"',
      ],
      [
        'a date that does not exist',
        exampleBill({ claimId: 'A13', serviceDate: '2019-02-29' }),
        'serviceDate: must be a calendar date',
      ],
      [
        'a year no policy covers',
        exampleBill({ claimId: 'A14', serviceDate: '2021-03-01' }),
        'serviceDate: no policy covers 2021 (policies given for 2019)',
      ],
      ['a repeated claimId', exampleBill({ claimId: 'OK1' }), 'claimId: "OK1" repeats the claim of line 1'],
      ['a flag as a string', exampleBill({ claimId: 'A16', insured: 'yes' }), 'insured: must be true or false'],
    ];

    it.each(cases)('%s, alone among good bills', (_case, bad, message) => {
      const claims = file(
        'one-bad.jsonl',
        jsonl(exampleBill({ claimId: 'OK1' }), bad, exampleBill({ claimId: 'OK2' })),
      );
      const run = aid('settle', '--policy', examplePolicy, '--claims', claims);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const reported = run.stderr.trim().split('\n');
      expect(reported).toHaveLength(1);
      expect(reported[0].startsWith(`${claims}:2: ${message}`)).toBe(true);
    });

    it('all of them at once, each on its line', () => {
      const claims = file('all-bad.jsonl', jsonl(exampleBill({ claimId: 'OK1' }), ...cases.map(([, bad]) => bad)));
      const run = aid('settle', '--policy', examplePolicy, '--claims', claims);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const reported = run.stderr.trim().split('\n');
      expect(reported).toHaveLength(cases.length);
      cases.forEach(([, , message], i) => expect(reported[i]).toContain(`${claims}:${i + 2}: ${message}`));
    });

    it('a bill with several problems, each named', () => {
      const claims = file('several.jsonl', jsonl(exampleBill({ visitType: 'X', totalCost: '1.001', note: 1 })));
      const run = aid('settle', '--policy', examplePolicy, '--claims', claims);
      expect(run.status).toBe(2);
      const reported = run.stderr.trim().split('\n');
      expect(reported).toHaveLength(3);
      for (const field of [
        'note: unknown field',
        'visitType: unknown visitType',
        'totalCost: has more than two decimals',
      ]) {
        expect(reported).toContainEqual(expect.stringContaining(`${claims}:1: ${field}`));
      }
    });

    it('a claims file that cannot be read', () => {
      const run = aid('settle', '--policy', examplePolicy, '--claims', path.join(dir, 'missing.jsonl'));
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/missing\.jsonl: \(file\): cannot read the claims file: ENOENT/);
    });
  });

  describe("bad policy files: refused with the key's path and line, exit 2", () => {
    const edited = (name: string, edit: (yaml: string) => string): string => file(name, edit(exampleYaml()));

    it.each([
      [
        'an unknown key',
        (y: string) => y.replace('    annualCap: "50000"\n', '    annualCap: "50000"\n    colour: red\n'),
        ':32: layers.supplementary.colour: unknown key',
      ],
      [
        'a rate outside [0, 1]',
        (y: string) => y.replace('rate: "0.50"', 'rate: "1.50"'),
        ':30: layers.supplementary.rate: is outside [0, 1]',
      ],
      [
        'tiers whose upTo do not rise',
        (y: string) => y.replace('upTo: "100000"', 'upTo: "40000"'),
        ":21: layers.criticalIllness.tiers[1].upTo: must be above the previous tier's upTo 50000.00",
      ],
      [
        'a missing required parameter',
        (y: string) => y.replace('    for: [POOR]\n    deductible: "0"\n', '    deductible: "0"\n'),
        ':27: layers.supplementary.for: missing required parameter',
      ],
      [
        'a bad amount',
        (y: string) => y.replace('deductible: "10000"', 'deductible: "10,000"'),
        ':17: layers.criticalIllness.deductible: is not a yuan amount',
      ],
      [
        'an unknown category',
        (y: string) => y.replace('rateBonus: { POOR: "0.05" }', 'rateBonus: { PORE: "0.05" }'),
        ':13: layers.basicMedical.rateBonus.PORE: unknown category',
      ],
      [
        'YAML that does not parse',
        (y: string) => y.replace('tiers:\n', 'tiers: [\n'),
        /:\d+: \(syntax\): not valid YAML or JSON/,
      ],
      [
        'a key given twice',
        (y: string) => y.replace('year: 2019\n', 'year: 2019\nyear: 2020\n'),
        ':7: (syntax): not valid YAML or JSON: Map keys must be unique',
      ],
    ] as [string, (yaml: string) => string, string | RegExp][])('%s', (_case, edit, message) => {
      const policy = edited('bad-policy.yaml', edit);
      const run = aid('settle', '--policy', policy, '--claims', exampleClaims);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      if (typeof message === 'string') expect(run.stderr).toContain(`${policy}${message}`);
      else expect(run.stderr.startsWith(policy) && message.test(run.stderr)).toBe(true);
    });

    it("a policy file that cannot be read, reported along with the bills' problems", () => {
      const claims = file('with-bad-policy.jsonl', jsonl(exampleBill({ totalCost: '1.234' })));
      const run = aid('settle', '--policy', path.join(dir, 'nowhere.yaml'), '--claims', claims);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/nowhere\.yaml: \(file\): cannot read the policy file: ENOENT/);
      expect(run.stderr).toContain(`${claims}:1: totalCost: has more than two decimals`);
    });
  });

  describe('usage', () => {
    it.each([
      [['settle'], 'aid settle: no --policy given'],
      [['settle', '--policy', examplePolicy], 'aid settle: no --claims given'],
      [['settle', '--policy', examplePolicy, '--claims', exampleClaims, '--fast'], 'aid settle: unknown option --fast'],
      [[], 'aid: no command given'],
      [['pay'], 'aid: unknown command "pay"'],
    ])('refuses %j with exit status 2', (args, message) => {
      const run = aid(...args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('Usage: aid');
    });

    it('explains itself on --help, on stdout', () => {
      const settle = aid('settle', '--help');
      expect(settle.status).toBe(0);
      expect(settle.stdout).toContain('Usage: aid settle --policy FILE [--policy FILE ...] --claims FILE.jsonl');
      const top = aid('--help');
      expect(top.status).toBe(0);
      expect(top.stdout).toMatch(/settle\s+settle a file of bills/);
    });
  });
});
