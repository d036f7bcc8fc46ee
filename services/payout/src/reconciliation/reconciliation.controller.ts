import { Body, Controller, Get, Headers, HttpCode, HttpException, Inject, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Checker, ID_HINT, ID_PATTERN, isCalendarDate, type FieldProblem } from '@aid/contracts';
import { InputError } from '@aid/platform';
import { Allow, CurrentActor, requireFacility, type Actor } from '@aid/platform/nest';
import { commandMeta, parseJsonBody } from '../http/params';
import { BadRequestDto, NotFoundDto } from '../http/problem.dto';
import type { Payout } from '../payout';
import { PAYOUT } from '../payout.tokens';
import { DAILY_LIST_COLUMNS, DAILY_LIST_MAX_LINES } from './domain/daily-list';
import { RESOLUTIONS } from './domain/reconciliation';
import {
  closeDay,
  reconciliationDay,
  resolveDifference,
  uploadDailyList,
  type DayRef,
  type ReconciliationDayView,
  type ReconciliationDeps,
} from './reconciliation';

/** The largest day list read, in bytes (1 MiB: 5,000 lines of ~110 bytes fit with room to spare). */
export const RECONCILIATION_BODY_LIMIT = 1024 * 1024;
const NOTE_MAX = 500;

const EXAMPLE_FILE = [
  DAILY_LIST_COLUMNS.join(','),
  'claim-1,member-1,2019-03-11,BASIC_MEDICAL_INSURANCE_FUND,6800.00',
  'claim-1,member-1,2019-03-11,MEDICAL_ASSISTANCE_FUND,1200.25',
].join('\n');

function dayRef(params: Record<string, unknown>, more: string[] = []): DayRef & Record<string, string> {
  const c = new Checker();
  const out: Record<string, string> = {};
  for (const field of ['hospitalId', ...more])
    out[field] = c.string(params, field, { pattern: ID_PATTERN, hint: ID_HINT });
  if (typeof params.day !== 'string' || !isCalendarDate(params.day))
    c.fail('day', 'must be a calendar date YYYY-MM-DD');
  if (c.problems.length > 0) throw new InputError(c.problems);
  return { ...out, hospitalId: out.hospitalId, day: params.day as string };
}

const tooLarge = (): HttpException => {
  const problems: FieldProblem[] = [{ field: 'body', message: `must be at most ${RECONCILIATION_BODY_LIMIT} bytes` }];
  return new HttpException(
    { statusCode: 413, error: 'Payload Too Large', message: `body: ${problems[0].message}`, problems },
    413,
  );
};

/** The file as sent, whole, up to the limit; only `text/csv` in UTF-8 is read. */
async function readCsvBody(req: Request): Promise<Buffer> {
  const type = (req.headers['content-type'] ?? '')
    .toLowerCase()
    .split(';')
    .map((s) => s.trim());
  const charset = type.find((p) => p.startsWith('charset='));
  if (type[0] !== 'text/csv' || (charset && charset !== 'charset=utf-8')) {
    throw new InputError([{ field: 'Content-Type', message: 'must be text/csv (UTF-8)' }]);
  }
  if (Number(req.headers['content-length'] ?? 0) > RECONCILIATION_BODY_LIMIT) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > RECONCILIATION_BODY_LIMIT) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

@ApiTags('daily reconciliation')
@Controller('hospitals/:hospitalId/reconciliations/:day')
export class ReconciliationController {
  constructor(@Inject(PAYOUT) private readonly payout: Payout) {}

  private get deps(): ReconciliationDeps {
    return { store: this.payout.store, schema: this.payout.deps.schema };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: "A hospital uploads the bills it settled on a day (日对账): matched against payout's settlements",
    description:
      `CSV, UTF-8, header line \`${DAILY_LIST_COLUMNS.join(',')}\`, one line per claim and fund with a non-zero ` +
      `amount (yuan), every discharge date the day in the path, at most ${DAILY_LIST_MAX_LINES} lines, at most ` +
      `${RECONCILIATION_BODY_LIMIT} bytes. The same file again changes nothing; another file replaces the list and ` +
      'its differences. 400 names every bad line and column (nothing recorded); 409 DAY_CLOSED.',
  })
  @ApiParam({ name: 'hospitalId', example: 'hospital-county-1' })
  @ApiParam({ name: 'day', example: '2019-03-11' })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: EXAMPLE_FILE } })
  @ApiOkResponse({ description: 'the day as it stands after the upload (as GET)' })
  @ApiBadRequestResponse({ type: BadRequestDto })
  @ApiConflictResponse({ description: 'DAY_CLOSED' })
  @Allow('hospital', 'medical-insurance')
  async upload(
    @Param() params: Record<string, unknown>,
    @Req() req: Request,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ReconciliationDayView> {
    const ref = dayRef(params);
    requireFacility(actor, ref.hospitalId, `hospital ${ref.hospitalId}`);
    const file = await readCsvBody(req);
    await uploadDailyList(this.deps, ref, file, commandMeta(correlationId, actor));
    return reconciliationDay(this.deps, ref);
  }

  @Get()
  @ApiOperation({
    summary: "A hospital's day: the list's totals, ours, the differences and their state, whether closed",
    description: 'A day with no list yet answers 200 with status NO_LIST and our totals.',
  })
  @ApiParam({ name: 'hospitalId', example: 'hospital-county-1' })
  @ApiParam({ name: 'day', example: '2019-03-11' })
  @ApiBadRequestResponse({ type: BadRequestDto })
  @Allow('hospital', 'medical-insurance', 'finance', 'auditor')
  view(@Param() params: Record<string, unknown>, @CurrentActor() actor: Actor): Promise<ReconciliationDayView> {
    const ref = dayRef(params);
    requireFacility(actor, ref.hospitalId, `hospital ${ref.hospitalId}`);
    return reconciliationDay(this.deps, ref);
  }

  @Post('differences/:differenceId/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A named person resolves one difference, with a note',
    description:
      '404 DIFFERENCE_NOT_FOUND / RECONCILIATION_NOT_FOUND; 409 DIFFERENCE_SUPERSEDED (a replaced list), ' +
      'DIFFERENCE_ALREADY_RESOLVED (otherwise), DAY_CLOSED. The same resolution again changes nothing.',
  })
  @ApiParam({ name: 'differenceId', example: 'd-1' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['resolution', 'note', 'resolvedBy'],
      additionalProperties: false,
      properties: {
        resolution: { type: 'string', enum: [...RESOLUTIONS] },
        note: { type: 'string', maxLength: NOTE_MAX },
        resolvedBy: { type: 'string', pattern: ID_PATTERN.source },
      },
      example: { resolution: 'ACCEPT_OURS', note: 'the bill says 6800.00', resolvedBy: 'clerk-wang' },
    },
  })
  @ApiNotFoundResponse({ type: NotFoundDto })
  @ApiConflictResponse({ description: 'DIFFERENCE_SUPERSEDED, DIFFERENCE_ALREADY_RESOLVED, DAY_CLOSED' })
  @Allow('medical-insurance')
  async resolve(
    @Param() params: Record<string, unknown>,
    @Body() input: unknown,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ReconciliationDayView> {
    const ref = dayRef(params, ['differenceId']);
    const data = parseJsonBody(input, ['resolution', 'note', 'resolvedBy'], (c, b) => ({
      differenceId: ref.differenceId,
      resolution: c.oneOf(b, 'resolution', RESOLUTIONS),
      note: c.string(b, 'note', { max: NOTE_MAX }),
      resolvedBy: c.id(b, 'resolvedBy'),
    }));
    await resolveDifference(this.deps, ref, data, commandMeta(correlationId, actor));
    return reconciliationDay(this.deps, ref);
  }

  @Post('close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Closes the day once every difference is resolved (or there are none), with control totals',
    description:
      '422 DIFFERENCES_UNRESOLVED naming them; 404 RECONCILIATION_NOT_FOUND (no list). Closing again changes nothing.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['closedBy'],
      additionalProperties: false,
      properties: { closedBy: { type: 'string', pattern: ID_PATTERN.source } },
      example: { closedBy: 'clerk-wang' },
    },
  })
  @ApiNotFoundResponse({ type: NotFoundDto })
  @ApiUnprocessableEntityResponse({ description: 'DIFFERENCES_UNRESOLVED' })
  @Allow('medical-insurance')
  async close(
    @Param() params: Record<string, unknown>,
    @Body() input: unknown,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ReconciliationDayView> {
    const ref = dayRef(params);
    const closedBy = parseJsonBody(input, ['closedBy'], (c, b) => c.id(b, 'closedBy'));
    await closeDay(this.deps, ref, closedBy, commandMeta(correlationId, actor));
    return reconciliationDay(this.deps, ref);
  }
}
