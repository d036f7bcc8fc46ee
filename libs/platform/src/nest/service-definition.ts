import type { DynamicModule } from '@nestjs/common';
import type { ToPublic } from '@aid/relay';
import type { ServiceName } from '../topics';
import type { ServiceRuntime } from '../service-runtime';

/** Everything needed to run one service, alone or beside the others in one process. */
export interface ServiceDefinition {
  name: ServiceName;
  title: string;
  description: string;
  defaultPort: number;
  /** What of its store reaches its topic, and in what public shape (its `public-events/`). */
  toPublic: ToPublic;
  /** Registers the service's migrations and workers; called before the runtime starts. */
  prepare?(runtime: ServiceRuntime): void;
  module(runtime: ServiceRuntime): DynamicModule;
}
