import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Allow, CurrentActor, requireFacility, type Actor } from '@aid/platform/nest';
import { BadRequestDto } from '../http/problem.dto';
import { parseRequest } from '../http/params';
import type { Payout } from '../payout';
import { PAYOUT } from '../payout.tokens';
import { hospitalReceivables, type HospitalReceivablesView } from './receivables.query';

class FundOwedDto {
  @ApiProperty({ example: 'BASIC_MEDICAL_INSURANCE_FUND' }) fund!: string;
  @ApiProperty({ example: '6800.00', description: 'yuan, two decimals' }) amount!: string;
  @ApiProperty({ description: 'reimbursements that make up the amount' }) lines!: number;
}

class MonthDto {
  @ApiProperty({ example: '2019-03' }) month!: string;
  @ApiProperty({ type: [FundOwedDto] }) byFund!: FundOwedDto[];
  @ApiProperty({ example: '10800.00' }) total!: string;
}

class HospitalReceivablesDto {
  @ApiProperty() hospitalId!: string;
  @ApiProperty({ example: 2019 }) year!: number;
  @ApiProperty({ type: [MonthDto] }) months!: MonthDto[];
  @ApiProperty({ type: [FundOwedDto] }) byFund!: FundOwedDto[];
  @ApiProperty({ example: '10800.00' }) total!: string;
}

@ApiTags('hospital receivables')
@Controller('hospitals')
export class HospitalReceivablesController {
  constructor(@Inject(PAYOUT) private readonly payout: Payout) {}

  @Get(':hospitalId/receivables')
  @ApiOperation({
    summary: 'What each fund owes a hospital for a year, by disbursement month (日对账、月拨付)',
    description: 'A hospital nothing is owed to answers 200 with no months and a zero total.',
  })
  @ApiParam({ name: 'hospitalId', example: 'hospital-county-1' })
  @ApiQuery({ name: 'year', required: true, example: 2019 })
  @ApiOkResponse({ type: HospitalReceivablesDto })
  @ApiBadRequestResponse({ type: BadRequestDto, description: 'a bad id or year, each bad field named' })
  @Allow('hospital', 'medical-insurance', 'finance', 'auditor', 'dpo')
  receivables(
    @Param('hospitalId') hospitalId: string,
    @Query() query: Record<string, unknown>,
    @CurrentActor() actor: Actor,
  ): Promise<HospitalReceivablesView> {
    const request = parseRequest({ hospitalId }, query, { ids: ['hospitalId'], years: ['year'] });
    requireFacility(actor, request.hospitalId, `hospital ${request.hospitalId}`);
    return hospitalReceivables(this.payout.dataSource, request.hospitalId, request.year);
  }
}
