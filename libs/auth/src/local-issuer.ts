import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Jwk, SigningKey } from './token';

/**
 * A local identity provider in two files: the public JWKS the services verify with, and the
 * private key (mode 0600) that `aid token` and the tests sign with. Embedded mode and the
 * test tiers use one; a county's deployment uses its own provider instead.
 */
export interface LocalIssuer {
  jwksFile: string;
  signingKeyFile: string;
  key: SigningKey;
  /** What a service needs to trust it (readAuthConfig). */
  env: { AUTH_JWKS_FILE: string; AUTH_ISSUER: string; AUTH_AUDIENCE: string };
}

/** Where embedded mode keeps its key, so that `aid token` finds it without being told. */
export const EMBEDDED_KEY_DIR = path.join(os.tmpdir(), 'aid-ledger-auth');
export const EMBEDDED_ISSUER = 'urn:aid-ledger:embedded';
export const AUDIENCE = 'aid-ledger';

export function writeLocalIssuer(dir: string, issuer: string, audience = AUDIENCE): LocalIssuer {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const kid = randomUUID();
  const publicJwk: Jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' };
  const key: SigningKey = { issuer, audience, kid, alg: 'EdDSA', privateJwk: privateKey.export({ format: 'jwk' }) };
  const jwksFile = path.join(dir, 'jwks.json');
  const signingKeyFile = path.join(dir, 'signing-key.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [publicJwk] }, null, 2));
  writeFileSync(signingKeyFile, JSON.stringify(key, null, 2), { mode: 0o600 });
  // A file that already existed keeps its mode through writeFileSync.
  chmodSync(signingKeyFile, 0o600);
  return {
    jwksFile,
    signingKeyFile,
    key,
    env: { AUTH_JWKS_FILE: jwksFile, AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience },
  };
}

export function readSigningKey(file: string): SigningKey {
  const key = JSON.parse(readFileSync(file, 'utf8')) as SigningKey;
  if (!key.issuer || !key.audience || !key.kid || !key.alg || !key.privateJwk)
    throw new Error(`${file}: not a signing key written by writeLocalIssuer`);
  return key;
}
