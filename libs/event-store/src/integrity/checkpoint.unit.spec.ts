import { generateKeyPairSync } from 'node:crypto';
import { CHECKPOINT_FORMAT, keyId, signCheckpoint, verifyCheckpoint, type CheckpointBody } from './checkpoint';

const keys = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const body: CheckpointBody = {
  schema: 'claims',
  lastPosition: '1200',
  eventCount: 1187,
  headHash: 'ab'.repeat(32),
  createdAt: '2026-03-01T08:00:00.000Z',
};

describe('signed checkpoints', () => {
  it('verifies with the public key of the private key that signed it', () => {
    const checkpoint = signCheckpoint(body, keys.privateKey);
    expect(checkpoint).toMatchObject({ format: CHECKPOINT_FORMAT, ...body, keyId: keyId(keys.publicKey) });
    expect(verifyCheckpoint(JSON.parse(JSON.stringify(checkpoint)), keys.publicKey)).toEqual({ ok: true, checkpoint });
  });

  it.each<[string, Record<string, unknown>]>([
    ['headHash', { headHash: 'cd'.repeat(32) }],
    ['eventCount', { eventCount: 1188 }],
    ['lastPosition', { lastPosition: '1201' }],
    ['schema', { schema: 'payout' }],
    ['createdAt', { createdAt: '2026-03-02T08:00:00.000Z' }],
  ])('fails on its signature when %s is altered', (_, change) => {
    const tampered = { ...signCheckpoint(body, keys.privateKey), ...change };
    expect(verifyCheckpoint(tampered, keys.publicKey)).toEqual({
      ok: false,
      problems: [expect.stringContaining('signature:')],
    });
  });

  it('fails when checked with another key, naming keyId', () => {
    const result = verifyCheckpoint(signCheckpoint(body, keys.privateKey), other.publicKey);
    expect(result).toEqual({ ok: false, problems: [expect.stringContaining('keyId:')] });
  });

  it('fails when someone re-signs it with their own key but keeps the expected keyId', () => {
    const forged = { ...signCheckpoint(body, other.privateKey), keyId: keyId(keys.publicKey) };
    expect(verifyCheckpoint(forged, keys.publicKey)).toEqual({
      ok: false,
      problems: [expect.stringContaining('signature:')],
    });
  });

  it('names every missing, malformed or unknown field', () => {
    const { headHash: _, ...rest } = signCheckpoint(body, keys.privateKey);
    const result = verifyCheckpoint({ ...rest, eventCount: -1, extra: 1 }, keys.publicKey);
    expect(result).toEqual({
      ok: false,
      problems: ['eventCount: invalid', 'headHash: missing', 'extra: not a field of a checkpoint'],
    });
    expect(verifyCheckpoint([], keys.publicKey)).toEqual({ ok: false, problems: ['(file): not a JSON object'] });
  });
});
