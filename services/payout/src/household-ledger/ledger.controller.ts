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
import { Allow } from '@aid/platform/nest';
import { BadRequestDto } from '../http/problem.dto';
import { parseRequest } from '../http/params';
import type { Payout } from '../payout';
import { PAYOUT } from '../payout.tokens';
import { PAYEES, PROGRAMMES } from '../record-payables/domain/payout-events';
import { householdLedger, type HouseholdLedgerView } from './ledger.query';

class PayeeDto {
  @ApiProperty({ enum: PAYEES }) kind!: string;
  @ApiProperty({ nullable: true, type: String, example: 'hospital-county-1' }) hospitalId!: string | null;
}

class LedgerLineDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ enum: ['HospitalReimbursementOwed', 'BankCardPaymentDue'] }) type!: string;
  @ApiProperty({ example: '2019-03' }) month!: string;
  @ApiProperty({ enum: PROGRAMMES }) program!: string;
  @ApiProperty({ example: 'BASIC_MEDICAL_INSURANCE_FUND' }) fund!: string;
  @ApiProperty({ type: PayeeDto }) payee!: PayeeDto;
  @ApiProperty() claimId!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty({ example: '6800.00', description: 'yuan, two decimals' }) amount!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

class FundAmountLinesDto {
  @ApiProperty() fund!: string;
  @ApiProperty({ example: '6800.00' }) amount!: string;
  @ApiProperty() lines!: number;
}

class ProgramTotalDto {
  @ApiProperty({ enum: PROGRAMMES }) program!: string;
  @ApiProperty({ example: '10800.00' }) amount!: string;
  @ApiProperty({ type: [FundAmountLinesDto] }) byFund!: FundAmountLinesDto[];
}

class FundAmountDto {
  @ApiProperty() fund!: string;
  @ApiProperty({ example: '6800.00' }) amount!: string;
}

class LedgerTotalsDto {
  @ApiProperty({ type: [ProgramTotalDto] }) byProgram!: ProgramTotalDto[];
  @ApiProperty({ type: [FundAmountDto] }) byFund!: FundAmountDto[];
  @ApiProperty({ example: '10800.00', description: 'the grand total of the year, yuan' }) total!: string;
  @ApiProperty() lines!: number;
}

class HouseholdLedgerDto {
  @ApiProperty() householdId!: string;
  @ApiProperty({ example: 2019 }) year!: number;
  @ApiProperty({ type: [LedgerLineDto] }) lines!: LedgerLineDto[];
  @ApiProperty({ type: LedgerTotalsDto }) totals!: LedgerTotalsDto;
}

@ApiTags('household ledger')
@Controller('households')
export class HouseholdLedgerController {
  constructor(@Inject(PAYOUT) private readonly payout: Payout) {}

  @Get(':householdId/ledger')
  @ApiOperation({
    summary: "A household's aid ledger for a year: every yuan paid, by program, fund and payee, and its totals",
    description: 'A household payout has never paid answers 200 with no lines and a zero total.',
  })
  @ApiParam({ name: 'householdId', example: 'household-1' })
  @ApiQuery({ name: 'year', required: true, example: 2019 })
  @ApiOkResponse({ type: HouseholdLedgerDto })
  @ApiBadRequestResponse({ type: BadRequestDto, description: 'a bad id or year, each bad field named' })
  @Allow('finance', 'auditor', 'dpo')
  ledger(
    @Param('householdId') householdId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<HouseholdLedgerView> {
    const request = parseRequest({ householdId }, query, { ids: ['householdId'], years: ['year'] });
    return householdLedger(this.payout.dataSource, request.householdId, request.year);
  }
}
