import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InputError } from '@aid/platform';
import { Allow, CurrentActor, ROLES, requireFacility, requireRegion, type Actor } from '@aid/platform/nest';
import { formatYuan } from '@aid/money';
import { foldRecorded, notFound } from '@aid/event-store';
import { Checker, ID_HINT, ID_PATTERN, isCalendarDate } from '@aid/contracts';
import { memberAsOf } from '../member-view/member-as-of';
import { CLAIMS_DEPS } from '../claims-deps';
import { claimDecider, memberYearStream } from '../settle-bill/domain/claim.decider';
import { findClaim, type ClaimsDeps } from '../settle-bill/submit-bill.handler';
import { statementOf } from './statement';

/** An id in the path, checked before it reaches a query: a bad one is named like a bad field. */
function pathId(field: string, value: unknown): string {
  const c = new Checker();
  const id = c.string({ [field]: value }, field, { pattern: ID_PATTERN, hint: ID_HINT });
  if (c.problems.length > 0) throw new InputError(c.problems);
  return id;
}

const ID_PARAM = { type: 'string', pattern: ID_PATTERN.source } as const;
const BAD_REQUEST = { status: 400, description: 'bad input: `problems` names each bad field' } as const;

@ApiTags('claims')
@Controller()
export class StatementController {
  constructor(@Inject(CLAIMS_DEPS) private readonly deps: ClaimsDeps) {}

  @Get('claims/:claimId')
  @ApiOperation({ summary: 'The settlement statement (一单式结算单) of a claim, or why it was refused' })
  @ApiParam({ name: 'claimId', schema: ID_PARAM })
  @ApiResponse({ status: 200, description: 'the statement, or the recorded refusal' })
  @ApiResponse(BAD_REQUEST)
  @ApiResponse({ status: 404, description: 'no bill was submitted under this claim id' })
  @Allow('hospital', 'medical-insurance', 'auditor', 'dpo')
  async statement(@Param('claimId') claimIdParam: string, @CurrentActor() actor: Actor) {
    const claimId = pathId('claimId', claimIdParam);
    const outcome = await findClaim(this.deps, claimId);
    if (!outcome) throw notFound('CLAIM_NOT_FOUND', `no bill was submitted under claim ${claimId}`);
    requireFacility(actor, outcome.submission.hospitalId, `claim ${claimId}`);
    const statement = statementOf(outcome);
    if ('region' in statement && typeof statement.region === 'string')
      requireRegion(actor, statement.region, `claim ${claimId}`);
    return statement;
  }

  @Get('members/:memberId/accumulators')
  @ApiOperation({
    summary: "A member's annual accumulators: what the year's caps and deductibles are measured against",
  })
  @ApiParam({ name: 'memberId', schema: ID_PARAM })
  @ApiQuery({ name: 'year', required: true, example: 2019 })
  @ApiResponse({ status: 200, description: "the member's accumulators for the year" })
  @ApiResponse(BAD_REQUEST)
  @Allow('medical-insurance', 'auditor', 'dpo')
  async accumulators(@Param('memberId') memberIdParam: string, @Query('year') yearText: string | undefined) {
    const memberId = pathId('memberId', memberIdParam);
    if (!yearText || !/^\d{4}$/.test(yearText))
      throw new InputError([{ field: 'year', message: 'must be a year such as 2019' }]);
    const year = Number(yearText);
    const events = await this.deps.store.readStream(memberYearStream(memberId, year));
    const state = foldRecorded(claimDecider, events).memberYear;
    const accumulators = Object.fromEntries(Object.entries(state.accumulators).map(([k, v]) => [k, formatYuan(v)]));
    return { memberId, year, claims: state.claims, accumulators };
  }

  @Get('members/:memberId/eligibility')
  @ApiOperation({ summary: 'What claims knows of a patient on a date: categories, insurance, certified diseases' })
  @ApiParam({ name: 'memberId', schema: ID_PARAM })
  @ApiQuery({ name: 'date', required: true, example: '2019-02-10' })
  @ApiResponse({ status: 200, description: 'what claims knows of the member on the date' })
  @ApiResponse(BAD_REQUEST)
  @ApiResponse({ status: 404, description: 'the member is not known to claims (yet)' })
  @Allow('hospital', 'medical-insurance', 'auditor', 'dpo')
  async eligibility(
    @Param('memberId') memberIdParam: string,
    @Query('date') date: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    const memberId = pathId('memberId', memberIdParam);
    if (!date || !isCalendarDate(date))
      throw new InputError([{ field: 'date', message: 'must be a calendar date YYYY-MM-DD' }]);
    const member = await memberAsOf(this.deps.pool, this.deps.schema, memberId, date);
    if (!member) throw notFound('MEMBER_NOT_FOUND', `member ${memberId} is not known to claims (yet)`);
    requireRegion(actor, member.region, `member ${memberId}`);
    return { date, ...member };
  }

  @Get('policies')
  @ApiOperation({ summary: 'The settlement policies this service knows, by region and year' })
  @ApiResponse({ status: 200, description: 'region and year of each policy' })
  @Allow(...ROLES)
  policies() {
    return this.deps.policies.list();
  }
}
