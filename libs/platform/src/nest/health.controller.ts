import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Readiness } from '../readiness';
import type { ServiceRuntime } from '../service-runtime';
import { Public } from './auth';
import { SERVICE_RUNTIME } from './tokens';

const isoTime = { type: 'string', format: 'date-time' } as const;
const consumerStatus = {
  type: 'object',
  required: ['name', 'state', 'lastError', 'since'],
  properties: {
    name: { type: 'string', description: 'the consumer group, e.g. payout.record-payables' },
    state: {
      type: 'string',
      enum: ['running', 'reconnecting', 'stopped'],
      description: 'running: in its group and consuming; reconnecting: getting back by itself; stopped: closed',
    },
    lastError: { type: 'string', nullable: true, description: 'why it is reconnecting' },
    since: { ...isoTime, description: 'when it entered this state' },
  },
};
const readinessSchema = {
  type: 'object',
  required: ['status', 'service', 'reasons', 'postgres', 'broker', 'relay', 'consumers'],
  properties: {
    status: { type: 'string', enum: ['ready', 'not ready'] },
    service: { type: 'string' },
    reasons: { type: 'array', items: { type: 'string' }, description: 'one line per dependency that is not fine' },
    postgres: {
      type: 'object',
      required: ['reachable'],
      properties: { reachable: { type: 'boolean' }, error: { type: 'string' } },
    },
    broker: {
      type: 'object',
      required: ['connected'],
      properties: { connected: { type: 'boolean' }, error: { type: 'string' } },
    },
    relay: {
      type: 'object',
      nullable: true,
      description: "the outbox relay to the service's topic; null when its backlog cannot be read",
      required: [
        'state',
        'lastError',
        'failingSince',
        'pending',
        'pendingAtLeast',
        'oldestPendingAt',
        'oldestPendingAgeMs',
      ],
      properties: {
        state: { type: 'string', enum: ['publishing', 'failing'] },
        lastError: { type: 'string', nullable: true },
        failingSince: { ...isoTime, nullable: true },
        pending: { type: 'integer', description: 'events stored but not yet published' },
        pendingAtLeast: { type: 'boolean', description: 'pending is a lower bound (the count stops at 1000)' },
        oldestPendingAt: { ...isoTime, nullable: true },
        oldestPendingAgeMs: { type: 'integer', nullable: true },
      },
    },
    consumers: { type: 'array', items: consumerStatus },
  },
};

/**
 * Liveness and readiness, apart: /health never looks at a dependency, so a broker outage
 * cannot get a healthy process restarted; /ready says which dependency is not fine.
 */
@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers HTTP. Checks no dependency (see /ready).' })
  @ApiResponse({
    status: 200,
    description: 'the process is alive',
    schema: {
      type: 'object',
      required: ['status', 'service'],
      properties: { status: { type: 'string', enum: ['ok'] }, service: { type: 'string' } },
    },
  })
  health(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.runtime.options.service };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: PostgreSQL reachable, broker connected, relay publishing and not behind, every consumer running.',
  })
  @ApiResponse({ status: 200, description: 'every dependency is fine', schema: readinessSchema })
  @ApiResponse({
    status: 503,
    description: 'at least one is not; `reasons` says which and why',
    schema: readinessSchema,
  })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const readiness = await this.runtime.readiness();
    if (readiness.status !== 'ready') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return readiness;
  }
}
