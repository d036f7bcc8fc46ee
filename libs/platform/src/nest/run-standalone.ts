import { Pool } from 'pg';
import { readServiceConfig } from '../config';
import { connectBus } from '../connect-bus';
import type { ServiceDefinition } from './service-definition';
import { startService } from './start-service';

/** Distributed mode: one service in its own process, on PostgreSQL and Kafka from the environment. */
export async function runStandalone(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = readServiceConfig(definition.name, env, { port: definition.defaultPort });
  const log = (line: string) => process.stderr.write(`[${definition.name}] ${line}\n`);
  const { runtime, app, url } = await startService(definition, {
    schema: config.schema,
    pool: new Pool({ connectionString: config.databaseUrl, max: 10 }),
    bus: connectBus(`aid-ledger-${definition.name}`, config.kafkaBrokers, config.topicPrefix),
    ownsConnections: true,
    port: config.port,
    host: config.host,
    log,
  });
  // Printed on stdout so that supervisors and tests can find the service.
  process.stdout.write(`${definition.name} listening at ${url} (OpenAPI at ${url}/docs)\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await app.close();
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

export function main(definition: ServiceDefinition): void {
  runStandalone(definition).catch((err: unknown) => {
    process.stderr.write(`[${definition.name}] failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
