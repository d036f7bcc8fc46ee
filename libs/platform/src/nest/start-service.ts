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
 * One service up, whichever way it runs: its runtime prepared and started (store, relay,
 * workers), then its HTTP edge. Standalone and embedded mode differ only in what they pass.
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
  await runtime.start();
  const { app, url } = await startHttp({
    runtime,
    module: definition.module(runtime),
    title: definition.title,
    description: definition.description,
    port: options.port,
    host: options.host,
  });
  return { runtime, app, url };
}
