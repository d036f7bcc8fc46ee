import { createLocalJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { createPrivateKey, sign, type JsonWebKey } from 'node:crypto';
import { isRole, ROLES, type Actor } from './roles';

/**
 * Bearer tokens: JWS compact tokens (RFC 7515/7519), RS256, ES256 and EdDSA only. Verifying is
 * jose's (signature, algorithm against the key, `iss`, `aud`, `exp`, `nbf`): a maintained
 * library, not ours. The verifier is a port (`TokenVerifier`), so the HTTP edge never sees jose.
 * Signing (the embedded mode's demo tokens and the tests') stays on node:crypto: synchronous,
 * and nothing trusts it but a local key.
 */
export type Algorithm = 'RS256' | 'ES256' | 'EdDSA';
const ALGORITHMS: readonly Algorithm[] = ['RS256', 'ES256', 'EdDSA'];

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

/** jose's refusals, said the way this service says them: naming no part of the token. */
function refusal(error: unknown, options: VerifyOptions): TokenError {
  if (error instanceof errors.JWTExpired) return new TokenError('the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new TokenError(`the token's issuer must be ${options.issuer}`);
    if (error.claim === 'aud') return new TokenError(`the token's audience must include ${options.audience}`);
    if (error.claim === 'exp' && error.reason === 'missing') return new TokenError('the token has no "exp" claim');
    if (error.claim === 'nbf') return new TokenError('the token is not valid yet');
    return new TokenError(`the token's "${error.claim}" claim is not valid`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return new TokenError(`the token's algorithm must be one of ${ALGORITHMS.join(', ')}`);
  if (error instanceof errors.JWKSNoMatchingKey)
    return new TokenError('the token is signed with a key this service does not know');
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new TokenError("the token's signature is not valid");
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return new TokenError('the token is not a JWS compact token (three base64url parts)');
  return new TokenError('the token could not be verified');
}

/** A verifier over a JWKS: signature, `iss`, `aud`, `exp` (required), `nbf`, then the actor's claims. */
export function jwksVerifier(options: VerifyOptions): TokenVerifier {
  const now = options.now ?? Date.now;
  const check = async (token: string, refresh: boolean): Promise<JWTPayload> => {
    const jwks = createLocalJWKSet((await options.keys(refresh)) as Parameters<typeof createLocalJWKSet>[0]);
    const { payload } = await jwtVerify(token, jwks, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: [...ALGORITHMS],
      requiredClaims: ['exp'],
      clockTolerance: LEEWAY_S,
      currentDate: new Date(now()),
    });
    return payload;
  };
  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH)
        throw new TokenError(`the token is longer than ${MAX_TOKEN_LENGTH} characters`);
      let payload: JWTPayload;
      try {
        payload = await check(token, false);
      } catch (error) {
        // A key this service has not seen yet: its provider may have rotated keys; read them again once.
        if (!(error instanceof errors.JWKSNoMatchingKey)) throw refusal(error, options);
        try {
          payload = await check(token, true);
        } catch (again) {
          throw refusal(again, options);
        }
      }
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
