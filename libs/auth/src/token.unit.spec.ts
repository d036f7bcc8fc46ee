import { generateKeyPairSync } from 'node:crypto';
import { jwksVerifier, signToken, TokenError, type Jwk, type SigningKey } from './token';

function keyPair(type: 'ed25519' | 'ec' | 'rsa', alg: SigningKey['alg'], kid: string) {
  const { publicKey, privateKey } =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
  const key: SigningKey = {
    issuer: 'urn:t',
    audience: 'aid',
    kid,
    alg,
    privateJwk: privateKey.export({ format: 'jwk' }),
  };
  const jwk: Jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg };
  return { key, jwk };
}

const pairs = [keyPair('ed25519', 'EdDSA', 'k1'), keyPair('ec', 'ES256', 'k2'), keyPair('rsa', 'RS256', 'k3')];
const verifier = jwksVerifier({
  issuer: 'urn:t',
  audience: 'aid',
  keys: async () => ({ keys: pairs.map((p) => p.jwk) }),
});
const claims = { sub: 'clerk-1', role: 'civil-affairs', agency: '民政局', region: 'zhangwu' };

describe('bearer tokens', () => {
  it.each(pairs.map((p) => [p.key.alg, p.key] as const))('verifies %s and reads the actor', async (_alg, key) => {
    await expect(verifier.verify(signToken(key, claims))).resolves.toEqual({
      subject: 'clerk-1',
      role: 'civil-affairs',
      agency: '民政局',
      region: 'zhangwu',
      township: null,
      facility: null,
    });
  });

  const key = pairs[0].key;
  const refusals: [string, string, RegExp][] = [
    ['expired', signToken(key, claims, { ttlSeconds: -120 }), /expired/],
    ['another issuer', signToken(key, claims, { issuer: 'urn:x' }), /issuer/],
    ['another audience', signToken(key, claims, { audience: 'x' }), /audience/],
    ['an unknown role', signToken(key, { ...claims, role: 'mayor' }), /role/],
    ['a subject too long', signToken(key, { ...claims, sub: 'x'.repeat(129) }), /"sub"/],
    ['a key not in the set', signToken(keyPair('ed25519', 'EdDSA', 'k9').key, claims), /key/],
    ['another key under a known kid', signToken({ ...keyPair('ed25519', 'EdDSA', 'k1').key }, claims), /signature/],
    ['no signature', `${signToken(key, claims).split('.').slice(0, 2).join('.')}.`, /signature/],
    ['garbage', 'not-a-token', /three base64url parts/],
  ];
  it.each(refusals)('refuses %s, saying why', async (_what, token, why) => {
    await expect(verifier.verify(token)).rejects.toThrow(TokenError);
    await expect(verifier.verify(token)).rejects.toThrow(why);
  });

  it("refuses alg none and an algorithm that does not match the key's type", async () => {
    const [, payload] = signToken(key, claims).split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await expect(verifier.verify(none)).rejects.toThrow(/algorithm/);
    const hs = `${Buffer.from('{"alg":"HS256","kid":"k1"}').toString('base64url')}.${payload}.c2ln`;
    await expect(verifier.verify(hs)).rejects.toThrow(/algorithm/);
  });
});
