import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical';

export const CHECKPOINT_FORMAT = 'aid-ledger.chain-checkpoint.v1';

/** A signed statement of a chain's head, small enough to keep anywhere outside the database. */
export interface ChainCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  schema: string;
  /** Global position of the last event chained (the last in commit order, not the largest). */
  lastPosition: string;
  /** How many events the chain held: the seq of its head. */
  eventCount: number;
  headHash: string;
  /** When it was taken, ISO 8601 UTC. */
  createdAt: string;
  /** SHA-256 of the public key (SPKI DER), hex: which key to check it with. */
  keyId: string;
  /** Ed25519 over the canonical JSON of every other field, base64. */
  signature: string;
}

export type CheckpointBody = Pick<ChainCheckpoint, 'schema' | 'lastPosition' | 'eventCount' | 'headHash' | 'createdAt'>;

export function keyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

function signedBytes(checkpoint: Omit<ChainCheckpoint, 'signature'>): Buffer {
  const { format, schema, lastPosition, eventCount, headHash, createdAt, keyId: id } = checkpoint;
  return Buffer.from(
    canonicalJson({ format, schema, lastPosition, eventCount, headHash, createdAt, keyId: id }),
    'utf8',
  );
}

export function signCheckpoint(body: CheckpointBody, privateKey: KeyObject): ChainCheckpoint {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('key: not an Ed25519 private key');
  const unsigned = { format: CHECKPOINT_FORMAT, ...body, keyId: keyId(createPublicKey(privateKey)) } as const;
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), privateKey).toString('base64') };
}

export type CheckpointCheck = { ok: true; checkpoint: ChainCheckpoint } | { ok: false; problems: string[] };

/** Checks a parsed checkpoint file's shape and signature; needs nothing but the public key. */
export function verifyCheckpoint(value: unknown, publicKey: KeyObject): CheckpointCheck {
  if (publicKey.asymmetricKeyType !== 'ed25519') return { ok: false, problems: ['public key: not an Ed25519 key'] };
  const problems = shapeProblems(value);
  if (problems.length > 0) return { ok: false, problems };
  const checkpoint = value as ChainCheckpoint;
  if (checkpoint.keyId !== keyId(publicKey)) {
    return { ok: false, problems: ['keyId: the checkpoint was not signed with the key of this public key'] };
  }
  const signature = Buffer.from(checkpoint.signature, 'base64');
  if (!verify(null, signedBytes(checkpoint), publicKey, signature)) {
    return {
      ok: false,
      problems: ['signature: does not match the content: the checkpoint was altered or not signed by this key'],
    };
  }
  return { ok: true, checkpoint };
}

const FIELDS: Record<keyof ChainCheckpoint, (v: unknown) => boolean> = {
  format: (v) => v === CHECKPOINT_FORMAT,
  schema: (v) => typeof v === 'string' && /^[a-z_][a-z0-9_]{0,62}$/.test(v),
  lastPosition: (v) => typeof v === 'string' && /^\d+$/.test(v),
  eventCount: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  headHash: (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v),
  createdAt: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  keyId: (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v),
  signature: (v) => typeof v === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(v),
};

function shapeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['(file): not a JSON object'];
  const record = value as Record<string, unknown>;
  const problems = Object.entries(FIELDS)
    .filter(([name, valid]) => !valid(record[name]))
    .map(([name]) => `${name}: ${name in record ? 'invalid' : 'missing'}`);
  for (const name of Object.keys(record)) if (!(name in FIELDS)) problems.push(`${name}: not a field of a checkpoint`);
  return problems;
}
