import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { notFound } from '@aid/event-store/decider';
import { Allow, CurrentActor, requireRegion, type Actor } from '@aid/platform/nest';
import { householdStreamId } from '../domain/household';
import { ENROLLMENT_DEPS, type EnrollmentDeps } from '../shared/deps';
import { pathId } from '../shared/input';
import { ApiBadRequest, ApiRefusal, ID_SCHEMA } from '../shared/openapi';

export interface HistoryEntry {
  type: string;
  /** When the command was handled (its metadata's occurredAt), else when the event was stored. */
  at: string;
  /** Who did it, from their token; null for events recorded before callers were named. */
  actor: { subject: string; role: string; agency: string | null; region: string | null } | null;
  correlationId: string | null;
}

@ApiTags('queries')
@Controller('households')
export class HouseholdHistoryController {
  constructor(@Inject(ENROLLMENT_DEPS) private readonly deps: EnrollmentDeps) {}

  @Get(':householdId/history')
  @ApiOperation({
    summary: "Who did what to a household: each event's type, time and actor, oldest first",
    description: 'Names no person: the events carry no name or ID number, and the actor is the agency staff.',
  })
  @ApiParam({ name: 'householdId', schema: ID_SCHEMA })
  @ApiResponse({
    status: 200,
    description: 'the history',
    schema: {
      type: 'object',
      example: {
        householdId: 'xal-ulh-0001',
        events: [
          {
            type: 'HouseholdRegistered',
            at: '2019-03-01T02:00:00.000Z',
            actor: { subject: 'xa-ca-wang', role: 'civil-affairs', agency: '兴安盟民政局', region: 'xingan-league' },
            correlationId: '4f1c…',
          },
        ],
      },
    },
  })
  @ApiBadRequest()
  @ApiRefusal(404, 'no such household', 'HOUSEHOLD_NOT_FOUND', 'household xal-ulh-0009 is not registered')
  @Allow('civil-affairs', 'auditor', 'dpo')
  async history(
    @Param('householdId') householdIdParam: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ householdId: string; events: HistoryEntry[] }> {
    const householdId = pathId('householdId', householdIdParam);
    const recorded = await this.deps.store.readStream(householdStreamId(householdId));
    if (recorded.length === 0) throw notFound('HOUSEHOLD_NOT_FOUND', `household ${householdId} is not registered`);
    const region = (recorded[0].data as { region?: string }).region;
    if (region) requireRegion(actor, region, `household ${householdId}`);
    return {
      householdId,
      events: recorded.map((e) => {
        const m = e.metadata as Record<string, unknown>;
        return {
          type: e.type,
          at: typeof m.occurredAt === 'string' ? m.occurredAt : e.recordedAt.toISOString(),
          actor: (m.actor as HistoryEntry['actor']) ?? null,
          correlationId: typeof m.correlationId === 'string' ? m.correlationId : null,
        };
      }),
    };
  }
}
