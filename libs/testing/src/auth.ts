import { readSigningKey, signToken, type Role, type SigningKey, type TokenClaims } from '@aid/auth';

/**
 * Test tokens, signed with the key the test tiers' global setup made and had the services
 * under test trust (AUTH_JWKS_FILE). A token without `region` is provincial: every region.
 */
let key: SigningKey | null = null;

export function testSigningKey(): SigningKey {
  const file = process.env.AID_LEDGER_TEST_SIGNING_KEY;
  if (!file) throw new Error('AID_LEDGER_TEST_SIGNING_KEY: not set (the int/e2e global setup sets it)');
  key ??= readSigningKey(file);
  return key;
}

export function testToken(
  role: Role,
  claims: Partial<Omit<TokenClaims, 'role'>> = {},
  options: Parameters<typeof signToken>[2] = {},
): string {
  return signToken(testSigningKey(), { sub: `test-${role}`, role, agency: `test ${role}`, ...claims }, options);
}

/** `{ authorization: 'Bearer …' }` for a request acting as `role`. */
export function bearer(role: Role, claims: Partial<Omit<TokenClaims, 'role'>> = {}): { authorization: string } {
  return { authorization: `Bearer ${testToken(role, claims)}` };
}

/** The agency whose work a service's endpoints are; erasure is the data-protection officer's. */
const AGENCY_OF = { enrollment: 'civil-affairs', claims: 'medical-insurance', payout: 'finance' } as const;

/** A token of the role that does `method` on `service` in the ordinary course (tests of other concerns). */
export function agencyBearer(service: keyof typeof AGENCY_OF, method = 'GET'): { authorization: string } {
  return bearer(method.toUpperCase() === 'DELETE' ? 'dpo' : AGENCY_OF[service]);
}
