import { Body, Controller, Headers, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { Checker, isRecord } from '@aid/contracts';
import { InputError } from '@aid/platform';
import { Allow, CurrentActor, actorMetadata, type Actor } from '@aid/platform/nest';
import { CLAIMS_DEPS } from '../claims-deps';
import { statementOf } from '../statement/statement';
import { ID } from '../settle-bill/submit-bill.input';
import { reviewBill, type ClaimsDeps } from '../settle-bill/submit-bill.handler';

function parseReview(claimId: string, body: unknown) {
  if (!isRecord(body)) throw new InputError([{ field: 'body', message: 'must be a JSON object' }]);
  const c = new Checker();
  c.noOtherFields(body, ['decision', 'reason', 'reviewer']);
  c.string({ claimId }, 'claimId', ID);
  const decision = c.oneOf(body, 'decision', ['APPROVE', 'REJECT'] as const);
  const reason = c.string(body, 'reason', { max: 500 });
  const reviewer = c.string(body, 'reviewer', { max: 100 });
  if (c.problems.length > 0) throw new InputError(c.problems);
  return { claimId, decision, reason, reviewer };
}

@ApiTags('claims')
@Controller('claims')
export class ReviewController {
  constructor(@Inject(CLAIMS_DEPS) private readonly deps: ClaimsDeps) {}

  @Post(':claimId/review')
  @ApiOperation({
    summary: 'A reviewer approves or rejects a bill held for review',
    description:
      "APPROVE settles the bill on the member's accumulators as they are now (201 with the statement; 422 when a " +
      'rule refuses it by then); REJECT records the refusal (422, code REJECTED_ON_REVIEW). The same decision ' +
      'again answers 200 with the recorded outcome; 404 when no bill is held under the id; 409 when it was ' +
      'already decided otherwise.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['decision', 'reason', 'reviewer'],
      additionalProperties: false,
      properties: {
        decision: { type: 'string', enum: ['APPROVE', 'REJECT'] },
        reason: { type: 'string' },
        reviewer: { type: 'string', description: 'who decided, as the bureau names its staff' },
      },
      example: { decision: 'APPROVE', reason: 'operation records checked', reviewer: 'xa-bureau-li' },
    },
  })
  @ApiResponse({ status: 201, description: 'approved and settled: the statement' })
  @ApiResponse({ status: 422, description: 'rejected (on review, or by a rule) and recorded' })
  @Allow('medical-insurance')
  async review(
    @Param('claimId') claimId: string,
    @Body() body: unknown,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @CurrentActor() actor: Actor,
  ) {
    const review = parseReview(claimId, body);
    const { outcome, created } = await reviewBill(this.deps, review, {
      correlationId: correlationId ?? randomUUID(),
      actor: actorMetadata(actor),
    });
    const statement = statementOf(outcome);
    if (statement.status === 'REJECTED') {
      res.status(422);
      return { statusCode: 422, error: statement.code, message: statement.reason, recorded: true, ...statement };
    }
    res.status(created ? 201 : 200);
    return statement;
  }
}
