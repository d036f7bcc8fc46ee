import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ConfigError, type AuthConfig } from '../../config';
import { jwksVerifier, type Jwks, type TokenVerifier } from '@aid/auth';

/** How often the keys are read again at most when a token names a key it lacks (key rotation). */
const REFRESH_AFTER_MS = 30_000;

function checkJwks(value: unknown, from: string): Jwks {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error(`${from}: not a JWKS ({"keys": [...]})`);
  return { keys: keys as Jwks['keys'] };
}

/**
 * The verifier a service runs with: keys from AUTH_JWKS_FILE or AUTH_JWKS_URL, cached and read
 * again (at most every 30 s) when a token names a key not in them. A file that cannot be read
 * stops the start.
 */
export function verifierFor(config: AuthConfig): TokenVerifier {
  let cached: Promise<Jwks> | null = null;
  if (config.jwksFile) {
    try {
      cached = Promise.resolve(checkJwks(JSON.parse(readFileSync(config.jwksFile, 'utf8')), config.jwksFile));
    } catch (err) {
      throw new ConfigError([`AUTH_JWKS_FILE: ${err instanceof Error ? err.message : String(err)}`]);
    }
  }
  let readAt = 0;
  const load = async (): Promise<Jwks> => {
    if (config.jwksFile) return checkJwks(JSON.parse(await readFile(config.jwksFile, 'utf8')), config.jwksFile);
    const res = await fetch(config.jwksUrl!, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`${config.jwksUrl}: answered ${res.status}`);
    return checkJwks(await res.json(), config.jwksUrl!);
  };
  const keys = (refresh: boolean): Promise<Jwks> => {
    const stale = refresh && Date.now() - readAt > REFRESH_AFTER_MS;
    if (!cached || stale) {
      readAt = Date.now();
      cached = load().catch((err: unknown) => {
        cached = null;
        throw err;
      });
    }
    return cached;
  };
  return jwksVerifier({ issuer: config.issuer, audience: config.audience, keys });
}
