import fc from 'fast-check';
import { ByteKeys, keyBytes } from './byte-keys';

const add = (keys: ByteKeys, text: string): number => {
  const bytes = keyBytes(text);
  return keys.numberOf(bytes, 0, bytes.length);
};

describe('ByteKeys', () => {
  it('numbers keys in order of first sight and finds them again', () => {
    const keys = new ByteKeys();
    expect([add(keys, 'B1'), add(keys, 'B2'), add(keys, 'B1'), add(keys, ''), add(keys, 'B2')]).toEqual([
      0, 1, 0, 2, 1,
    ]);
    expect(keys.size).toBe(3);
  });

  it('tells whether the last key was new', () => {
    const keys = new ByteKeys();
    add(keys, 'x');
    expect(keys.added).toBe(true);
    add(keys, 'x');
    expect(keys.added).toBe(false);
  });

  it('reads keys from inside a larger buffer', () => {
    const keys = new ByteKeys();
    const line = Buffer.from('{"claimId":"C7","memberId":"C7"}');
    const first = keys.numberOf(line, 12, 14);
    expect(keys.numberOf(line, 28, 30)).toBe(first);
    expect(keys.size).toBe(1);
  });

  it('agrees with a Map on any sequence of keys, through growth of every table', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 3000 }),
        fc.integer({ min: 0, max: 64 }),
        (texts, expected) => {
          const keys = new ByteKeys(expected);
          const reference = new Map<string, number>();
          for (const text of texts) {
            if (!reference.has(text)) reference.set(text, reference.size);
            expect(add(keys, text)).toBe(reference.get(text));
          }
          expect(keys.size).toBe(reference.size);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('keeps a hundred thousand keys apart', () => {
    const keys = new ByteKeys();
    for (let i = 0; i < 100_000; i++) add(keys, `C${i}`);
    expect(keys.size).toBe(100_000);
    expect(add(keys, 'C99999')).toBe(99_999);
    expect(add(keys, 'C0')).toBe(0);
  });
});

describe('keyBytes', () => {
  it('is the UTF-8 of a string, as the input carries it', () => {
    expect([...keyBytes('C1')]).toEqual([0x43, 0x31]);
    expect(Buffer.from(keyBytes('成员')).toString('utf8')).toBe('成员');
  });

  it('keeps strings with different lone surrogates apart (UTF-8 would make both U+FFFD)', () => {
    const keys = new ByteKeys();
    expect(add(keys, '\ud800')).not.toBe(add(keys, '\ud801'));
    expect(add(keys, '\ud800')).toBe(0);
    expect(add(keys, '\ufffd')).toBe(2);
  });
});
