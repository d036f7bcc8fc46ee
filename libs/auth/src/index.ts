// Bearer tokens without a framework: the roles, JWS signing and verifying over a JWKS, and a
// local issuer for embedded mode and tests. The HTTP guard is in @aid/platform/nest.
export { ROLES, isRole, actorMetadata, type ActorMetadata, type Role, type Actor } from './roles';
export {
  jwksVerifier,
  signToken,
  TokenError,
  type TokenVerifier,
  type VerifyOptions,
  type SigningKey,
  type TokenClaims,
  type Jwk,
  type Jwks,
} from './token';
export {
  writeLocalIssuer,
  readSigningKey,
  EMBEDDED_KEY_DIR,
  EMBEDDED_ISSUER,
  AUDIENCE,
  type LocalIssuer,
} from './local-issuer';
