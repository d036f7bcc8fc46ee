import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REGIONS } from '@aid/contracts';
import { root } from './repository';

describe('one list of regions', () => {
  it('names exactly the regions of the policy files, so enrollment accepts what claims can settle', () => {
    const dir = path.join(root, 'config', 'policies');
    const regions = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => /^region:\s*(\S+)/m.exec(readFileSync(path.join(dir, f), 'utf8'))?.[1]);
    expect([...new Set(regions)].sort()).toEqual([...REGIONS].sort());
  });
});
