export { ROLES, isRole, actorMetadata, type ActorMetadata, type Role, type Actor } from './roles';
export { Allow, Public, CurrentActor } from './allow';
export { requireRegion, requireFacility, requireTownship, forbidden } from './scope';
export { AuthGuard } from './auth.guard';
export { verifierFor } from './key-source';
export {
  jwksVerifier,
  signToken,
  TokenError,
  type TokenVerifier,
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
