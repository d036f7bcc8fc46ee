import { parseSettleArgs } from './args';

describe('aid settle arguments', () => {
  it('takes one or more policies and one claims file, in any order and either form', () => {
    expect(parseSettleArgs(['--policy', 'a.yaml', '--claims', 'c.jsonl', '--policy=b.yaml'])).toEqual({
      kind: 'run',
      policies: ['a.yaml', 'b.yaml'],
      claims: 'c.jsonl',
    });
  });

  it('answers --help and -h', () => {
    expect(parseSettleArgs(['--policy', 'a', '--help'])).toEqual({ kind: 'help' });
    expect(parseSettleArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], 'no --policy given'],
    [['--policy', 'a.yaml'], 'no --claims given'],
    [['--claims', 'c.jsonl'], 'no --policy given'],
    [['--policy'], '--policy needs a file name'],
    [['--policy', '--claims', 'c'], '--policy needs a file name'],
    [['--claims='], '--claims needs a file name'],
    [['--policy', 'a', '--claims', 'c', '--claims', 'd'], '--claims given twice'],
    [['--policy', 'a', '--claims', 'c', '--dry-run'], 'unknown option --dry-run'],
    [['--policy', 'a', '--claims', 'c', 'extra'], 'unexpected argument "extra"'],
  ])('refuses %j: %s', (args, message) => {
    expect(parseSettleArgs(args)).toEqual({ kind: 'usage-error', message: expect.stringContaining(message) });
  });
});
