import { Body, Controller, Get, Headers, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { FUND_OF_LAYER } from '@aid/contracts';
import { notFound } from '@aid/event-store';
import { Allow, CurrentActor, ROLES, actorMetadata, requireRegion, type Actor } from '@aid/platform/nest';
import { CLAIMS_DEPS } from '../claims-deps';
import type { ClaimsDeps } from '../settle-bill/submit-bill.handler';
import { FACILITY_LEVELS } from './domain/facility-events';
import { runFacilityCommand } from './facilities.handler';
import { ACCOUNT_PATTERN, checkFacilityId, parseDesignation, parseDetails, parseEnd } from './facilities.input';
import { findFacility, listFacilities } from './facility-records';

const DETAILS = {
  name: '科右前旗人民医院',
  level: 'SECONDARY',
  county: '科尔沁右翼前旗',
  region: 'xingan-league',
  inCounty: true,
  designatedFrom: '2015-01-01',
  designatedUntil: null,
  accounts: { BASIC_MEDICAL_INSURANCE_FUND: '6222020200112233445', MEDICAL_ASSISTANCE_FUND: '6222020200112233446' },
};

const detailProperties = {
  name: { type: 'string' },
  level: { type: 'string', enum: [...FACILITY_LEVELS] },
  county: { type: 'string' },
  region: { type: 'string', description: 'the region whose policies apply, e.g. xingan-league' },
  inCounty: { type: 'boolean', description: "inside the region's own county: its bills are paid to the hospital" },
  designatedFrom: { type: 'string', format: 'date' },
  designatedUntil: {
    type: 'string',
    format: 'date',
    nullable: true,
    description: 'last day (inclusive); null: open-ended',
  },
  accounts: {
    type: 'object',
    description: 'per fund, the bank account it pays this facility to',
    properties: Object.fromEntries(
      Object.values(FUND_OF_LAYER).map((fund) => [fund, { type: 'string', pattern: ACCOUNT_PATTERN.source }]),
    ),
    additionalProperties: false,
  },
};
/** The registry of designated facilities is public knowledge: every agency reads it. */
const EVERY_ROLE = ROLES;

const REQUIRED = ['name', 'level', 'county', 'region', 'inCounty', 'designatedFrom', 'accounts'];

@ApiTags('facilities')
@Controller('facilities')
export class FacilitiesController {
  constructor(@Inject(CLAIMS_DEPS) private readonly deps: ClaimsDeps) {}

  @Post()
  @ApiOperation({
    summary: 'The medical insurance bureau designates a facility (定点医疗机构)',
    description:
      'Bills are settled only from facilities designated on their discharge date; the level and the in-county flag ' +
      'recorded here decide the rates and who is paid. 201 designated; 200 when the same designation was already ' +
      'recorded; 409 when the id is taken with other details (change them with PUT); 400 naming each bad field.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['facilityId', ...REQUIRED],
      additionalProperties: false,
      properties: { facilityId: { type: 'string' }, ...detailProperties },
      example: { facilityId: 'keyouqianqi-peoples-hospital', ...DETAILS },
    },
  })
  @ApiResponse({ status: 201, description: 'designated: the facility as recorded' })
  @Allow('medical-insurance')
  async designate(
    @Body() body: unknown,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @CurrentActor() actor: Actor,
  ) {
    const facility = parseDesignation(body);
    requireRegion(actor, facility.region, `facility ${facility.facilityId}`);
    const at = this.deps.now().toISOString();
    const result = await runFacilityCommand(
      this.deps,
      { type: 'DesignateFacility', data: { ...facility, at } },
      {
        correlationId: correlationId ?? randomUUID(),
        actor: actorMetadata(actor),
      },
    );
    res.status(result.created ? 201 : 200);
    return result.facility;
  }

  @Put(':facilityId')
  @ApiOperation({
    summary: "Replaces a designated facility's details (level, county flag, accounts, dates)",
    description: 'Bills settled before keep what they were settled on. 404 unknown facility; 409 designation ended.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: REQUIRED,
      additionalProperties: false,
      properties: detailProperties,
      example: DETAILS,
    },
  })
  @Allow('medical-insurance')
  async change(
    @Param('facilityId') facilityId: string,
    @Body() body: unknown,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    checkFacilityId(facilityId);
    const facility = parseDetails(facilityId, body);
    requireRegion(actor, facility.region, `facility ${facilityId}`);
    await this.requireInRegion(actor, facilityId);
    const at = this.deps.now().toISOString();
    return (
      await runFacilityCommand(
        this.deps,
        { type: 'ChangeFacilityDetails', data: { ...facility, at } },
        {
          correlationId: correlationId ?? randomUUID(),
          actor: actorMetadata(actor),
        },
      )
    ).facility;
  }

  @Post(':facilityId/end')
  @ApiOperation({
    summary: "Ends a facility's designation after a day: bills of later services are refused (FACILITY_NOT_DESIGNATED)",
    description: '404 unknown facility; 409 already ended on another day; 422 an end before the designation began.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['until', 'reason'],
      additionalProperties: false,
      properties: {
        until: { type: 'string', format: 'date', description: 'last day designated (inclusive)' },
        reason: { type: 'string' },
      },
      example: { until: '2019-12-31', reason: 'agreement not renewed' },
    },
  })
  @Allow('medical-insurance')
  async end(
    @Param('facilityId') facilityId: string,
    @Body() body: unknown,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @CurrentActor() actor: Actor,
  ) {
    checkFacilityId(facilityId);
    const { until, reason } = parseEnd(body);
    await this.requireInRegion(actor, facilityId);
    const at = this.deps.now().toISOString();
    const result = await runFacilityCommand(
      this.deps,
      { type: 'EndFacilityDesignation', data: { facilityId, until, reason, at } },
      {
        correlationId: correlationId ?? randomUUID(),
        actor: actorMetadata(actor),
      },
    );
    res.status(200);
    return result.facility;
  }

  @Get()
  @ApiOperation({ summary: 'The facilities registry, designated and ended, optionally of one region' })
  @ApiQuery({ name: 'region', required: false, example: 'xingan-league' })
  @Allow(...EVERY_ROLE)
  async list(@Query('region') region: string | undefined) {
    return listFacilities(this.deps.pool, this.deps.schema, { region });
  }

  @Get(':facilityId')
  @ApiOperation({ summary: 'One facility as recorded' })
  @Allow(...EVERY_ROLE)
  async get(@Param('facilityId') facilityId: string) {
    const facility = await findFacility(this.deps.pool, this.deps.schema, facilityId);
    if (!facility) throw notFound('FACILITY_NOT_FOUND', `facility ${facilityId} is not in the registry`);
    return facility;
  }

  /** A regional bureau changes the facilities of its own region only. */
  private async requireInRegion(actor: Actor, facilityId: string): Promise<void> {
    if (actor.region === null) return;
    const existing = await findFacility(this.deps.pool, this.deps.schema, facilityId);
    if (existing) requireRegion(actor, existing.region, `facility ${facilityId}`);
  }
}
