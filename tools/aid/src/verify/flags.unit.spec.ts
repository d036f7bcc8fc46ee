import { databaseUrlFlag, parseFlags, schemaFlag } from './flags';

describe('parseFlags', () => {
  const allowed = ['schema', 'database-url'] as const;

  it('reads --name value and --name=value', () => {
    expect(parseFlags(['--schema', 'claims', '--database-url=postgres://h/db'], allowed)).toEqual({
      kind: 'run',
      flags: { schema: 'claims', 'database-url': 'postgres://h/db' },
    });
  });

  it.each<[string[], string]>([
    [['claims'], 'unexpected argument "claims"'],
    [['--scheme', 'x'], 'unknown option --scheme'],
    [['--schema'], '--schema needs a value'],
    [['--schema', '--database-url', 'u'], '--schema needs a value'],
    [['--schema='], '--schema needs a value'],
    [['--schema', 'a', '--schema=b'], '--schema given twice'],
  ])('%j: %s', (args, message) => {
    expect(parseFlags(args, allowed)).toEqual({ kind: 'usage-error', message });
  });

  it('answers --help wherever it stands', () => {
    expect(parseFlags(['--schema', 'x', '-h'], allowed)).toEqual({ kind: 'help' });
  });
});

describe('schemaFlag and databaseUrlFlag', () => {
  it('take a lower-case identifier and a postgres URL, from the flag before the environment', () => {
    expect(schemaFlag('claims')).toEqual({ schema: 'claims' });
    expect(databaseUrlFlag('postgres://a/b', { DATABASE_URL: 'postgres://c/d' })).toEqual({ url: 'postgres://a/b' });
    expect(databaseUrlFlag(undefined, { DATABASE_URL: 'postgresql://c/d' })).toEqual({ url: 'postgresql://c/d' });
  });

  it('name the flag when they refuse', () => {
    expect(schemaFlag(undefined)).toEqual({ message: expect.stringContaining('no --schema') });
    expect(schemaFlag('Claims')).toEqual({ message: expect.stringContaining('--schema: "Claims"') });
    expect(databaseUrlFlag(undefined, {})).toEqual({ message: expect.stringContaining('--database-url') });
    expect(databaseUrlFlag('http://x', {})).toEqual({ message: expect.stringContaining('--database-url: "http://x"') });
  });
});
