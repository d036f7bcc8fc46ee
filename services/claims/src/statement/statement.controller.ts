import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InputError } from '@aid/platform';
import { formatYuan } from '@aid/money';
import { foldRecorded, notFound } from '@aid/event-store';
import { isCalendarDate } from '@aid/contracts';
import { memberAsOf } from '../member-view/member-as-of';
import { CLAIMS_DEPS } from '../claims-deps';
import { claimDecider, memberYearStream } from '../settle-bill/domain/claim.decider';
import { findClaim, type ClaimsDeps } from '../settle-bill/submit-bill.handler';
import { statementOf } from './statement';

@ApiTags('claims')
@Controller()
export class StatementController {
  constructor(@Inject(CLAIMS_DEPS) private readonly deps: ClaimsDeps) {}

  @Get('claims/:claimId')
  @ApiOperation({ summary: 'The settlement statement (一单式结算单) of a claim, or why it was refused' })
  async statement(@Param('claimId') claimId: string) {
    const outcome = await findClaim(this.deps, claimId);
    if (!outcome) throw notFound('CLAIM_NOT_FOUND', `no bill was submitted under claim ${claimId}`);
    return statementOf(outcome);
  }

  @Get('members/:memberId/accumulators')
  @ApiOperation({
    summary: "A member's annual accumulators: what the year's caps and deductibles are measured against",
  })
  @ApiQuery({ name: 'year', required: true, example: 2019 })
  async accumulators(@Param('memberId') memberId: string, @Query('year') yearText: string | undefined) {
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
  @ApiQuery({ name: 'date', required: true, example: '2019-02-10' })
  async eligibility(@Param('memberId') memberId: string, @Query('date') date: string | undefined) {
    if (!date || !isCalendarDate(date))
      throw new InputError([{ field: 'date', message: 'must be a calendar date YYYY-MM-DD' }]);
    const member = await memberAsOf(this.deps.pool, this.deps.schema, memberId, date);
    if (!member) throw notFound('MEMBER_NOT_FOUND', `member ${memberId} is not known to claims (yet)`);
    return { date, ...member };
  }

  @Get('policies')
  @ApiOperation({ summary: 'The settlement policies this service knows, by region and year' })
  policies() {
    return this.deps.policies.list();
  }
}
