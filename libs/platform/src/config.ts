/** A service's settings, read once at start from the environment and checked. */
export interface ServiceConfig {
  service: string;
  port: number;
  /** Interface to listen on: loopback unless HOST says otherwise (0.0.0.0 in containers). */
  host: string;
  databaseUrl: string;
  /** Comma-separated host:port list; null runs on the in-process bus (embedded mode only). */
  kafkaBrokers: string[] | null;
  /** The service's own PostgreSQL schema: its event store and read models live there. */
  schema: string;
  /** Put before every topic and consumer group name (AID_LEDGER_TOPIC_PREFIX), default none. */
  topicPrefix: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function readServiceConfig(
  service: string,
  env: NodeJS.ProcessEnv,
  defaults: { port: number; schema?: string },
): ServiceConfig {
  const problems: string[] = [];
  const prefix = service.toUpperCase();
  const portText = env[`${prefix}_PORT`] ?? env.PORT ?? String(defaults.port);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    problems.push(`${prefix}_PORT: "${portText}" is not a port number (0-65535)`);
  }
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL: must be a postgres:// connection string');
  }
  const brokersText = env.KAFKA_BROKERS?.trim();
  const kafkaBrokers = brokersText ? brokersText.split(',').map((b) => b.trim()) : null;
  for (const b of kafkaBrokers ?? []) {
    if (!/^[A-Za-z0-9.\-[\]:]+:\d+$/.test(b)) problems.push(`KAFKA_BROKERS: "${b}" is not host:port`);
  }
  const schema = env[`${prefix}_SCHEMA`] ?? defaults.schema ?? service;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) problems.push(`${prefix}_SCHEMA: "${schema}" is not a SQL identifier`);
  const host = env.HOST ?? '127.0.0.1';
  const topicPrefix = env.AID_LEDGER_TOPIC_PREFIX ?? '';
  if (!/^[A-Za-z0-9._-]*$/.test(topicPrefix))
    problems.push('AID_LEDGER_TOPIC_PREFIX: may hold only letters, digits, . _ -');
  if (problems.length > 0) throw new ConfigError(problems);
  return { service, port, host, databaseUrl, kafkaBrokers, schema, topicPrefix };
}

/** Who the services trust to name callers: the county's identity provider (docs/security.md). */
export interface AuthConfig {
  /** A JWKS file (AUTH_JWKS_FILE), or null when the keys come from AUTH_JWKS_URL. */
  jwksFile: string | null;
  jwksUrl: string | null;
  /** The `iss` every token must carry (AUTH_ISSUER). */
  issuer: string;
  /** A value the token's `aud` must hold (AUTH_AUDIENCE). */
  audience: string;
}

/** The auth settings; there is no default: a service without them would serve anyone. */
export function readAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const problems: string[] = [];
  const jwksFile = env.AUTH_JWKS_FILE?.trim() || null;
  const jwksUrl = env.AUTH_JWKS_URL?.trim() || null;
  if (!jwksFile && !jwksUrl)
    problems.push('AUTH_JWKS_FILE or AUTH_JWKS_URL: one must name the keys tokens are verified with');
  if (jwksFile && jwksUrl) problems.push('AUTH_JWKS_FILE and AUTH_JWKS_URL: set only one');
  if (jwksUrl && !/^https?:\/\/\S+$/.test(jwksUrl)) problems.push('AUTH_JWKS_URL: must be an http(s) URL');
  const issuer = env.AUTH_ISSUER?.trim() ?? '';
  const audience = env.AUTH_AUDIENCE?.trim() ?? '';
  if (!issuer) problems.push('AUTH_ISSUER: must be the issuer (iss) tokens carry');
  if (!audience) problems.push('AUTH_AUDIENCE: must be the audience (aud) tokens carry');
  if (problems.length > 0) throw new ConfigError(problems);
  return { jwksFile, jwksUrl, issuer, audience };
}
