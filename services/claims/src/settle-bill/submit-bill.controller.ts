import { Body, Controller, Headers, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { YUAN_PATTERN } from '@aid/money';
import { Allow, CurrentActor, actorMetadata, requireFacility, requireRegion, type Actor } from '@aid/platform/nest';
import { CLAIMS_DEPS } from '../claims-deps';
import { findFacility } from '../facilities/facility-records';
import { statementOf } from '../statement/statement';
import { parseBillSubmission } from './submit-bill.input';
import { submitBill, type ClaimsDeps } from './submit-bill.handler';

const EXAMPLE = {
  claimId: 'XA-2019-000123',
  memberId: 'M-XA-0001-1',
  hospitalId: 'ujimqin-county-hospital',
  admissionDate: '2019-02-01',
  dischargeDate: '2019-02-10',
  visitType: 'INPATIENT',
  totalCost: '12000.00',
  eligibleCost: '10000.00',
};

@ApiTags('bills')
@Controller('bills')
export class SubmitBillController {
  constructor(@Inject(CLAIMS_DEPS) private readonly deps: ClaimsDeps) {}

  @Post()
  @ApiOperation({
    summary: 'A designated hospital submits a discharge bill; it is settled through the five layers at once',
    description:
      'Answers 201 with the settlement statement (一单式结算单); 200 when the same bill was already settled; ' +
      "202 when the bill is above the policy's review threshold: held for review (POST /claims/{claimId}/review), " +
      'nothing is paid yet; 422 when the bill is refused by the rules (unknown member, facility not designated on ' +
      "the discharge date, admitted before the member's enrolment, discharged after the day of submission, no " +
      'policy, chronic disease not certified): the refusal is recorded and the same claim id may be submitted again ' +
      'once fixed; 409 when the claim id was settled or held with other contents; 400 naming each bad field.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: Object.keys(EXAMPLE),
      properties: {
        claimId: { type: 'string' },
        memberId: { type: 'string' },
        hospitalId: {
          type: 'string',
          description:
            'a facility of the registry (GET /facilities); its level and in-county flag are taken from there, ' +
            'and a bill carrying facilityLevel or inCounty is refused',
        },
        admissionDate: {
          type: 'string',
          format: 'date',
          description: "not before 2000-01-01 nor the member's enrolment",
        },
        dischargeDate: {
          type: 'string',
          format: 'date',
          description: 'the date of service: its year picks the policy; not after the day of submission',
        },
        visitType: { type: 'string', enum: ['INPATIENT', 'CHRONIC_OUTPATIENT'] },
        totalCost: {
          type: 'string',
          pattern: YUAN_PATTERN,
          description: 'yuan, at most two decimals, at most 1000000000.00',
        },
        eligibleCost: {
          type: 'string',
          pattern: YUAN_PATTERN,
          description: 'yuan inside the insurance catalogue, at most totalCost',
        },
      },
      example: EXAMPLE,
    },
  })
  @ApiHeader({
    name: 'X-Correlation-Id',
    required: false,
    description: "optional: 1-64 letters, digits or . _ : -; carried into the events' metadata (default: a new UUID)",
  })
  @ApiResponse({ status: 201, description: 'settled: the statement' })
  @ApiResponse({ status: 202, description: 'held for review: nothing paid, nothing charged yet' })
  @ApiResponse({ status: 200, description: 'the same bill was already settled: the recorded statement' })
  @ApiResponse({
    status: 400,
    description: 'bad input: `problems` names each bad field (or header); nothing is recorded',
    schema: {
      type: 'object',
      properties: {
        statusCode: { type: 'integer', example: 400 },
        error: { type: 'string', example: 'Bad Request' },
        message: { type: 'string' },
        problems: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
      example: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'eligibleCost: must not exceed totalCost',
        problems: [{ field: 'eligibleCost', message: 'must not exceed totalCost' }],
      },
    },
  })
  @ApiResponse({ status: 409, description: 'the claim id was already settled with other contents' })
  @ApiResponse({ status: 413, description: 'the body is larger than the limit it names' })
  @ApiResponse({ status: 422, description: 'refused by the rules and recorded' })
  @Allow('hospital', 'medical-insurance')
  async submit(
    @Body() body: unknown,
    @Headers() headers: Record<string, string | undefined>,
    @Res({ passthrough: true }) res: Response,
    @CurrentActor() actor: Actor,
  ) {
    // The header's shape is checked once for every service, before any controller runs.
    const correlationId = headers['x-correlation-id'];
    const submission = parseBillSubmission(body);
    requireFacility(actor, submission.hospitalId, 'the bill');
    if (actor.region !== null) {
      // An unknown facility is refused by the rules and recorded, as without a region.
      const facility = await findFacility(this.deps.pool, this.deps.schema, submission.hospitalId);
      if (facility) requireRegion(actor, facility.region, 'the bill');
    }
    const { outcome, created } = await submitBill(this.deps, submission, {
      correlationId: correlationId ?? randomUUID(),
      actor: actorMetadata(actor),
    });
    const statement = statementOf(outcome);
    if (statement.status === 'REJECTED') {
      res.status(422);
      return { statusCode: 422, error: statement.code, message: statement.reason, recorded: true, ...statement };
    }
    if (statement.status === 'HELD_FOR_REVIEW') {
      res.status(202);
      return statement;
    }
    res.status(created ? 201 : 200);
    return statement;
  }
}
