import { createPrivateKey, createPublicKey, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { isRole, ROLES, type Actor } from './roles';

/**
 * JWS compact tokens (RFC 7515/7519) with node:crypto, for RS256, ES256 and EdDSA only. The
 * verifier is a port (`TokenVerifier`): a library such as jose can stand in for it unchanged.
 */
export type Algorithm = 'RS256' | 'ES256' | 'EdDSA';
const ALGORITHMS: readonly Algorithm[] = ['RS256', 'ES256', 'EdDSA'];
const KTY_OF: Record<Algorithm, string> = { RS256: 'RSA', ES256: 'EC', EdDSA: 'OKP' };

export interface Jwk extends JsonWebKey {
  kid?: string;
  alg?: string;
  use?: string;
}
export interface Jwks {
  keys: Jwk[];
}

/** Why a token was not accepted; the message is safe to show the caller (it quotes nothing of the token). */
export class TokenError extends Error {
  override readonly name = 'TokenError';
}

export interface TokenVerifier {
  /** The actor of a valid token; throws TokenError for anything else. */
  verify(token: string): Promise<Actor>;
}

export interface VerifyOptions {
  issuer: string;
  audience: string;
  /** The keys to verify with; called again with `refresh` when a token names an unknown key. */
  keys(refresh: boolean): Promise<Jwks>;
  now?: () => number;
}

const MAX_TOKEN_LENGTH = 8192;
/** Clock skew between the identity provider and this service that is forgiven, in seconds. */
const LEEWAY_S = 30;
/** Claims that end up in events' metadata are bounded like every other stored input. */
const CLAIM_TEXT = /^[\p{L}\p{N} ._:@/+-]{1,128}$/u;

function b64json(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: named below
  }
  throw new TokenError(`the token's ${what} is not base64url JSON`);
}

function textClaim(payload: Record<string, unknown>, name: string, required: boolean): string | null {
  const value = payload[name];
  if (value === undefined || value === null) {
    if (required) throw new TokenError(`the token has no "${name}" claim`);
    return null;
  }
  if (typeof value !== 'string' || !CLAIM_TEXT.test(value))
    throw new TokenError(`the token's "${name}" claim must be 1-128 letters, digits, spaces or . _ : @ / + -`);
  return value;
}

function signingInput(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  data: Buffer;
  signature: Buffer;
} {
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenError(`the token is longer than ${MAX_TOKEN_LENGTH} characters`);
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)))
    throw new TokenError('the token is not a JWS compact token (three base64url parts)');
  return {
    header: b64json(parts[0], 'header'),
    payload: b64json(parts[1], 'payload'),
    data: Buffer.from(`${parts[0]}.${parts[1]}`),
    signature: Buffer.from(parts[2], 'base64url'),
  };
}

function verifySignature(alg: Algorithm, key: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    if (alg === 'EdDSA') return verify(null, data, key, signature);
    if (alg === 'ES256') return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
    return verify('sha256', data, key, signature);
  } catch {
    return false;
  }
}

/** A verifier over a JWKS: signature, `iss`, `aud`, `exp` (required), `nbf`, then the actor's claims. */
export function jwksVerifier(options: VerifyOptions): TokenVerifier {
  const now = options.now ?? Date.now;
  const pick = (jwks: Jwks, alg: Algorithm, kid: unknown) =>
    jwks.keys.filter(
      (k) => k.kty === KTY_OF[alg] && (k.alg === undefined || k.alg === alg) && (kid === undefined || k.kid === kid),
    );
  return {
    async verify(token) {
      const { header, payload, data, signature } = signingInput(token);
      const alg = header.alg as Algorithm;
      if (!ALGORITHMS.includes(alg))
        throw new TokenError(`the token's algorithm must be one of ${ALGORITHMS.join(', ')}`);
      let candidates = pick(await options.keys(false), alg, header.kid);
      if (candidates.length === 0) candidates = pick(await options.keys(true), alg, header.kid);
      if (candidates.length === 0) throw new TokenError('the token is signed with a key this service does not know');
      const valid = candidates.some((jwk) => {
        try {
          return verifySignature(alg, createPublicKey({ key: jwk, format: 'jwk' }), data, signature);
        } catch {
          return false;
        }
      });
      if (!valid) throw new TokenError("the token's signature is not valid");

      const seconds = Math.floor(now() / 1000);
      if (payload.iss !== options.issuer) throw new TokenError(`the token's issuer must be ${options.issuer}`);
      const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!aud.includes(options.audience))
        throw new TokenError(`the token's audience must include ${options.audience}`);
      if (typeof payload.exp !== 'number') throw new TokenError('the token has no "exp" claim');
      if (payload.exp + LEEWAY_S <= seconds) throw new TokenError('the token has expired');
      if (typeof payload.nbf === 'number' && payload.nbf - LEEWAY_S > seconds)
        throw new TokenError('the token is not valid yet');
      if (!isRole(payload.role)) throw new TokenError(`the token's "role" claim must be one of ${ROLES.join(', ')}`);
      return {
        subject: textClaim(payload, 'sub', true)!,
        role: payload.role,
        agency: textClaim(payload, 'agency', false),
        region: textClaim(payload, 'region', false),
        township: textClaim(payload, 'township', false),
        facility: textClaim(payload, 'facility', false),
      };
    },
  };
}

/** A private key to sign with, and what it signs for (the embedded mode's and the tests' issuer). */
export interface SigningKey {
  issuer: string;
  audience: string;
  kid: string;
  alg: Algorithm;
  privateJwk: Jwk;
}

export interface TokenClaims {
  sub: string;
  role: string;
  agency?: string;
  region?: string;
  township?: string;
  facility?: string;
}

/** A signed token for `claims`, valid `ttlSeconds` from `nowMs` (negative: already expired). */
export function signToken(
  key: SigningKey,
  claims: TokenClaims & Record<string, unknown>,
  options: { ttlSeconds?: number; nowMs?: number; issuer?: string; audience?: string } = {},
): string {
  const iat = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const header = { alg: key.alg, typ: 'JWT', kid: key.kid };
  const payload = {
    iss: options.issuer ?? key.issuer,
    aud: options.audience ?? key.audience,
    iat,
    exp: iat + (options.ttlSeconds ?? 8 * 3600),
    ...claims,
  };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const privateKey = createPrivateKey({ key: key.privateJwk, format: 'jwk' });
  const signature =
    key.alg === 'EdDSA'
      ? sign(null, Buffer.from(input), privateKey)
      : sign(
          'sha256',
          Buffer.from(input),
          key.alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey,
        );
  return `${input}.${signature.toString('base64url')}`;
}
