import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Checker, FUND_OF_LAYER, type Fund } from '@aid/contracts';
import { InputError } from '@aid/platform';
import { Allow, CurrentActor, type Actor } from '@aid/platform/nest';
import { BadRequestDto, NotFoundDto } from '../http/problem.dto';
import { YEAR_RANGE, commandMeta, parseJsonBody } from '../http/params';
import type { Payout } from '../payout';
import { PAYOUT } from '../payout.tokens';
import {
  approveRun,
  cancelRun,
  paymentRun,
  prepareRun,
  rejectRun,
  type PaymentRunDeps,
  type PaymentRunView,
  type RunRef,
} from './payment-run';

const FUNDS = Object.values(FUND_OF_LAYER) as Fund[];
const REASON_MAX = 500;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function runRef(params: Record<string, unknown>): RunRef {
  const c = new Checker();
  const fund = c.oneOf(params, 'fund', FUNDS);
  const month = params.month;
  const m = typeof month === 'string' ? MONTH.exec(month) : null;
  if (!m || Number(m[1]) < YEAR_RANGE.min || Number(m[1]) > YEAR_RANGE.max)
    c.fail('month', `must be a month YYYY-MM from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}, e.g. 2019-03`);
  if (c.problems.length > 0) throw new InputError(c.problems);
  return { fund, month: month as string };
}

const REASON_BODY = {
  schema: {
    type: 'object',
    required: ['reason'],
    additionalProperties: false,
    properties: { reason: { type: 'string', maxLength: REASON_MAX } },
    example: { reason: 'hospital-county-2 disputes two bills of the month' },
  },
};
const NO_BODY = {
  required: false,
  schema: { type: 'object', additionalProperties: false, properties: {}, example: {} },
};

@ApiTags('monthly disbursement')
@Controller('payment-runs/:fund/:month')
export class PaymentRunController {
  constructor(@Inject(PAYOUT) private readonly payout: Payout) {}

  private get deps(): PaymentRunDeps {
    return { store: this.payout.store, schema: this.payout.deps.schema };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: "Prepares a fund's monthly run (月拨付): one payment order per hospital and per household card",
    description:
      "Computed from the fund's payables of the month as the store stands now; the position read is recorded " +
      "and the run is frozen at it. The preparer is the token's subject (no body field names them). " +
      'The same payables again change nothing; 409 RUN_EXISTS (prepared or approved with other payables: ' +
      'reject or cancel it first); 422 NOTHING_TO_PAY.',
  })
  @ApiParam({ name: 'fund', enum: FUNDS, example: 'MEDICAL_ASSISTANCE_FUND' })
  @ApiParam({ name: 'month', example: '2019-03' })
  @ApiBody(NO_BODY)
  @ApiOkResponse({ description: 'the run as prepared (as GET)' })
  @ApiBadRequestResponse({ type: BadRequestDto })
  @ApiConflictResponse({ description: 'RUN_EXISTS' })
  @ApiUnprocessableEntityResponse({ description: 'NOTHING_TO_PAY' })
  @Allow('finance')
  async prepare(
    @Param() params: Record<string, unknown>,
    @Body() input: unknown,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<PaymentRunView> {
    const ref = runRef(params);
    parseJsonBody(input, [], () => undefined);
    await prepareRun(this.deps, ref, actor.subject, commandMeta(correlationId, actor));
    return paymentRun(this.deps, ref);
  }

  @Get()
  @ApiOperation({
    summary: 'A run: its state, who prepared and approved it, its orders and control totals',
    description: "`payablesNotInRun` counts the month's payables the frozen run does not cover (recorded since).",
  })
  @ApiParam({ name: 'fund', enum: FUNDS, example: 'MEDICAL_ASSISTANCE_FUND' })
  @ApiParam({ name: 'month', example: '2019-03' })
  @ApiBadRequestResponse({ type: BadRequestDto })
  @ApiNotFoundResponse({ type: NotFoundDto })
  @Allow('finance', 'medical-insurance', 'auditor')
  view(@Param() params: Record<string, unknown>): Promise<PaymentRunView> {
    return paymentRun(this.deps, runRef(params));
  }

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approves a prepared run: by another person of finance than the preparer (maker-checker)',
    description:
      "The approver is the token's subject. 422 SELF_APPROVAL; 404 RUN_NOT_FOUND; 409 RUN_REJECTED, " +
      'RUN_CANCELLED. Approving again changes nothing.',
  })
  @ApiParam({ name: 'fund', enum: FUNDS, example: 'MEDICAL_ASSISTANCE_FUND' })
  @ApiParam({ name: 'month', example: '2019-03' })
  @ApiBody(NO_BODY)
  @ApiBadRequestResponse({ type: BadRequestDto })
  @ApiNotFoundResponse({ type: NotFoundDto })
  @ApiConflictResponse({ description: 'RUN_REJECTED, RUN_CANCELLED' })
  @ApiUnprocessableEntityResponse({ description: 'SELF_APPROVAL' })
  @Allow('finance')
  async approve(
    @Param() params: Record<string, unknown>,
    @Body() input: unknown,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<PaymentRunView> {
    const ref = runRef(params);
    parseJsonBody(input, [], () => undefined);
    await approveRun(this.deps, ref, actor.subject, commandMeta(correlationId, actor));
    return paymentRun(this.deps, ref);
  }

  @Post('reject')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rejects a prepared run, with a reason: it may then be prepared again',
    description:
      '404 RUN_NOT_FOUND; 409 RUN_APPROVED (cancel it instead), RUN_CANCELLED. Rejecting again changes nothing.',
  })
  @ApiParam({ name: 'fund', enum: FUNDS, example: 'MEDICAL_ASSISTANCE_FUND' })
  @ApiParam({ name: 'month', example: '2019-03' })
  @ApiBody(REASON_BODY)
  @ApiBadRequestResponse({ type: BadRequestDto })
  @ApiNotFoundResponse({ type: NotFoundDto })
  @ApiConflictResponse({ description: 'RUN_APPROVED, RUN_CANCELLED' })
  @Allow('finance')
  async reject(
    @Param() params: Record<string, unknown>,
    @Body() input: unknown,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<PaymentRunView> {
    const ref = runRef(params);
    const reason = parseJsonBody(input, ['reason'], (c, b) => c.string(b, 'reason', { max: REASON_MAX }));
    await rejectRun(this.deps, ref, actor.subject, reason, commandMeta(correlationId, actor));
    return paymentRun(this.deps, ref);
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancels a prepared or approved run, with a reason, until it is sent: it may then be prepared again',
    description: '404 RUN_NOT_FOUND; 409 RUN_REJECTED. Cancelling again changes nothing.',
  })
  @ApiParam({ name: 'fund', enum: FUNDS, example: 'MEDICAL_ASSISTANCE_FUND' })
  @ApiParam({ name: 'month', example: '2019-03' })
  @ApiBody(REASON_BODY)
  @ApiBadRequestResponse({ type: BadRequestDto })
  @ApiNotFoundResponse({ type: NotFoundDto })
  @ApiConflictResponse({ description: 'RUN_REJECTED' })
  @Allow('finance')
  async cancel(
    @Param() params: Record<string, unknown>,
    @Body() input: unknown,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<PaymentRunView> {
    const ref = runRef(params);
    const reason = parseJsonBody(input, ['reason'], (c, b) => c.string(b, 'reason', { max: REASON_MAX }));
    await cancelRun(this.deps, ref, actor.subject, reason, commandMeta(correlationId, actor));
    return paymentRun(this.deps, ref);
  }
}
