import { GENESIS_HASH, canonicalJson, chainHash, type ChainedContent } from './canonical';

const content: ChainedContent = {
  globalPosition: '7',
  eventId: '0b3c1c52-7a53-4f3e-9d38-3c9f4d1f0a01',
  streamId: 'claim-42',
  streamVersion: 3,
  type: 'ClaimApproved',
  schemaVersion: 1,
  data: { amountFen: 12_345, reviewer: '李', notes: ['a', 'b'] },
  metadata: { correlationId: 'c-1' },
  recordedAt: '2026-03-01T08:00:00.123456Z',
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } })).toBe('{"a":{"c":"x","d":[true,null]},"b":1}');
  });

  it('gives the same bytes whatever order the keys were stored in', () => {
    expect(canonicalJson({ x: 1, y: { p: 2, q: 3 } })).toBe(canonicalJson({ y: { q: 3, p: 2 }, x: 1 }));
  });

  it('sorts keys by UTF-16 code units and escapes strings as JSON does', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, 'a"b': '\n' })).toBe('{"Z":3,"a\\"b":"\\n","z":2,"é":1}');
  });

  it('refuses what JSON cannot hold rather than hashing it some way', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow('NaN');
    expect(() => canonicalJson({ a: undefined })).toThrow('undefined');
  });
});

describe('chainHash', () => {
  it('is SHA-256 of the previous hash, a newline and the canonical content, in hex', () => {
    const hash = chainHash(GENESIS_HASH, content);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      chainHash(GENESIS_HASH, { ...content, data: { notes: ['a', 'b'], reviewer: '李', amountFen: 12_345 } }),
    ).toBe(hash);
  });

  it.each<[string, Partial<ChainedContent>]>([
    ['data', { data: { ...(content.data as object), amountFen: 12_346 } }],
    ['metadata', { metadata: {} }],
    ['event id', { eventId: '0b3c1c52-7a53-4f3e-9d38-3c9f4d1f0a02' }],
    ['stream id', { streamId: 'claim-43' }],
    ['stream version', { streamVersion: 4 }],
    ['type', { type: 'ClaimRejected' }],
    ['schema version', { schemaVersion: 2 }],
    ['recorded time, to the microsecond', { recordedAt: '2026-03-01T08:00:00.123457Z' }],
    ['global position', { globalPosition: '8' }],
  ])('changes when the %s changes', (_, change) => {
    expect(chainHash(GENESIS_HASH, { ...content, ...change })).not.toBe(chainHash(GENESIS_HASH, content));
  });

  it('changes when the previous hash changes, so each link holds all before it', () => {
    expect(chainHash('1'.repeat(64), content)).not.toBe(chainHash(GENESIS_HASH, content));
  });
});
