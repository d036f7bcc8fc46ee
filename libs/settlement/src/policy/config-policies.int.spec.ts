import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parsePolicy } from './parse-policy';

/** The region policies shipped in config/policies must all be valid, and named for what they hold (files: an int test). */
const dir = path.resolve(__dirname, '..', '..', '..', '..', 'config', 'policies');
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));

describe('config/policies', () => {
  it('holds the four regions of the seeds', () => {
    expect(files.map((f) => f.replace(/-\d{4}\.\w+$/, '')).sort()).toEqual([
      'keshiketeng',
      'linxian',
      'xingan-league',
      'zhangwu',
    ]);
  });

  describe.each(files)('%s', (file) => {
    it('parses and validates, and its region and year match its name', () => {
      const parsed = parsePolicy(parseYaml(readFileSync(path.join(dir, file), 'utf8')));
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
      expect(file).toBe(`${parsed.policy.region}-${parsed.policy.year}.yaml`);
    });

    it('says which of its figures are illustrative', () => {
      expect(readFileSync(path.join(dir, file), 'utf8')).toMatch(/illustrative/i);
    });
  });
});
