import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { notFound } from '@aid/event-store/decider';
import { Allow, CurrentActor, requireFacility, type Actor } from '@aid/platform/nest';
import { BadRequestDto, NotFoundDto } from '../http/problem.dto';
import { parseRequest } from '../http/params';
import type { Payout } from '../payout';
import { PAYOUT } from '../payout.tokens';
import { claimPayables, type ClaimPayablesView } from './claim-payables.query';

class PayableDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ enum: ['HospitalReimbursementOwed', 'BankCardPaymentDue'] }) type!: string;
  @ApiProperty({ example: 'BASIC_MEDICAL_INSURANCE_FUND' }) fund!: string;
  @ApiProperty({ example: '6800.00', description: 'yuan, two decimals' }) amount!: string;
}

class ClaimPayablesDto {
  @ApiProperty() claimId!: string;
  @ApiProperty() householdId!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty() hospitalId!: string;
  @ApiProperty({ enum: ['HOSPITAL', 'HOUSEHOLD_BANK_CARD'] }) payee!: string;
  @ApiProperty({ example: 2019 }) year!: number;
  @ApiProperty({ example: '2019-03' }) month!: string;
  @ApiProperty({ format: 'uuid', description: 'the BillSettled event these payables come from' })
  settlementEventId!: string;
  @ApiProperty({ example: '10800.00' }) total!: string;
  @ApiProperty({ type: [PayableDto] }) payables!: PayableDto[];
}

@ApiTags('claim payables')
@Controller('claims')
export class ClaimPayablesController {
  constructor(@Inject(PAYOUT) private readonly payout: Payout) {}

  @Get(':claimId/payables')
  @ApiOperation({
    summary:
      "What a claim's settlement left owing: to the hospital in county, to the household's bank card out of county",
  })
  @ApiParam({ name: 'claimId', example: 'claim-1' })
  @ApiOkResponse({ type: ClaimPayablesDto })
  @ApiBadRequestResponse({ type: BadRequestDto })
  @ApiNotFoundResponse({ type: NotFoundDto, description: 'payout has recorded no settlement of this claim' })
  @Allow('hospital', 'medical-insurance', 'finance', 'auditor', 'dpo')
  async payables(
    @Param('claimId') claimId: string,
    @Query() query: Record<string, unknown>,
    @CurrentActor() actor: Actor,
  ): Promise<ClaimPayablesView> {
    const request = parseRequest({ claimId }, query, { ids: ['claimId'], years: [] });
    const view = await claimPayables(this.payout.store, request.claimId);
    if (!view) throw notFound('CLAIM_NOT_FOUND', `payout has recorded no settlement of claim ${request.claimId}`);
    requireFacility(actor, view.hospitalId, `claim ${request.claimId}`);
    return view;
  }
}
