import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseBill, type Bill } from './bill';
import { parsePolicy } from './policy/parse-policy';
import { inYuan, settleInOrder } from './testing/builders';

/**
 * POLICY.md's worked examples must come out to the fen: from the copy kept beside this
 * library, and from the shared originals when they are present (they are in this checkout).
 */
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const sources = [
  path.join(repoRoot, 'libs', 'settlement', 'test-fixtures'),
  path.resolve(repoRoot, '..', 'shared', 'policy-examples'),
];

function examplesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => path.join(dir, f.replace(/\.yaml$/, '')));
}

function readJsonl(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

describe.each(sources)('worked examples in %s', (dir) => {
  const examples = examplesIn(dir);

  it('has at least one example', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  describe.each(examples.map((e) => [path.basename(e), e]))('%s', (_name, base) => {
    it('settles every bill exactly as expected', () => {
      const parsedPolicy = parsePolicy(parseYaml(readFileSync(`${base}.yaml`, 'utf8')));
      if (!parsedPolicy.ok) throw new Error(JSON.stringify(parsedPolicy.errors));
      const bills = readJsonl(`${base}.claims.jsonl`).map((raw): Bill => {
        const parsed = parseBill(raw);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        return parsed.bill;
      });

      const { settlements } = settleInOrder(bills, () => parsedPolicy.policy);

      const actual = settlements.map((s, i) => ({ claimId: bills[i].claimId, ...inYuan(s) }));
      expect(actual).toEqual(readJsonl(`${base}.expected.jsonl`));
    });
  });
});
