import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseBill, type Bill } from './bill';
import { parsePolicy } from './policy/parse-policy';
import { WORKED_EXAMPLE_POLICY, inYuan, settleInOrder, workedExamplePolicy } from './testing/builders';

/**
 * The worked examples of docs/settlement.md must come out to the fen. They are files
 * (test-fixtures/NAME.yaml, NAME.claims.jsonl, NAME.expected.jsonl), the same ones the
 * `aid settle` test feeds to the command; reading them makes this an int test.
 */
const fixtures = path.resolve(__dirname, '..', 'test-fixtures');
const examples = readdirSync(fixtures)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

function readJsonl(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

const readPolicy = (name: string) => parsePolicy(parseYaml(readFileSync(path.join(fixtures, `${name}.yaml`), 'utf8')));

describe('worked examples', () => {
  it('are there', () => {
    expect(examples).toContain('xingan-2019');
  });

  describe.each(examples)('%s', (name) => {
    it('settles every bill exactly as expected', () => {
      const parsedPolicy = readPolicy(name);
      if (!parsedPolicy.ok) throw new Error(JSON.stringify(parsedPolicy.errors));
      const bills = readJsonl(path.join(fixtures, `${name}.claims.jsonl`)).map((raw): Bill => {
        const parsed = parseBill(raw);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        return parsed.bill;
      });

      const { settlements } = settleInOrder(bills, () => parsedPolicy.policy);

      const actual = settlements.map((s, i) => ({ claimId: bills[i].claimId, ...inYuan(s) }));
      expect(actual).toEqual(readJsonl(path.join(fixtures, `${name}.expected.jsonl`)));
    });
  });

  it("the unit tests' copy of the example policy is the file's policy", () => {
    const fromFile = readPolicy('xingan-2019');
    expect(fromFile).toEqual({ ok: true, policy: workedExamplePolicy() });
    expect(parseYaml(readFileSync(path.join(fixtures, 'xingan-2019.yaml'), 'utf8'))).toEqual(WORKED_EXAMPLE_POLICY);
  });
});
