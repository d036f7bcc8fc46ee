import type { INestApplication } from '@nestjs/common';
import type { MessageBus } from '@aid/messaging';
import type { Pool } from 'pg';
import { ServiceRuntime } from '../service-runtime';
import { TOPICS } from '../topics';
import { startHttp } from './bootstrap';
import type { ServiceDefinition } from './service-definition';

export interface StartServiceOptions {
  schema: string;
  pool: Pool;
  bus: MessageBus;
  /** Whether stopping the service ends the pool and the bus (false when they are shared). */
  ownsConnections: boolean;
  port: number;
  host?: string;
  log: (line: string) => void;
}

/**
 * One service up, whichever way it runs: its migrations (PostgreSQL), then its HTTP edge,
 * then the relay and the workers, which reach the broker in the background. So HTTP answers
 * within moments of a start whatever the broker's state, and a consumer group that takes
 * its session timeout to rejoin after a crash holds up nothing but its own consuming.
 * Standalone and embedded mode differ only in what they pass.
 */
export async function startService(
  definition: ServiceDefinition,
  options: StartServiceOptions,
): Promise<{ runtime: ServiceRuntime; app: INestApplication; url: string }> {
  const runtime = new ServiceRuntime({
    service: definition.name,
    schema: options.schema,
    pool: options.pool,
    bus: options.bus,
    topic: TOPICS[definition.name],
    toPublic: definition.toPublic,
    ownsConnections: options.ownsConnections,
    log: options.log,
  });
  definition.prepare?.(runtime);
  await runtime.migrate();
  const { app, url } = await startHttp({
    runtime,
    module: definition.module(runtime),
    title: definition.title,
    description: definition.description,
    port: options.port,
    host: options.host,
  });
  await runtime.startWorkers();
  return { runtime, app, url };
}
