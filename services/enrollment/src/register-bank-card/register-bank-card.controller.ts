import { Body, Controller, Headers, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, type Actor } from '@aid/platform/nest';
import { requireMemberInScope } from '../shared/actor-scope';
import { traceOf } from '../shared/command-meta';
import { ENROLLMENT_DEPS, type EnrollmentDeps } from '../shared/deps';
import { ApiCommand, ApiRefusal, ID_SCHEMA } from '../shared/openapi';
import { registerBankCard, type BankCardAnswer } from './register-bank-card.handler';

@ApiTags('personal data')
@Controller('members')
export class RegisterBankCardController {
  constructor(@Inject(ENROLLMENT_DEPS) private readonly deps: EnrollmentDeps) {}

  @Put(':memberId/bank-card')
  @HttpCode(200)
  @ApiOperation({
    summary: "Put a member's bank card on file (预留银行卡) for payment to the card (打卡结算)",
    description:
      'Keeps the number, bank name and holder name in the erasable personal-data store only, and appends an internal BankCardRegistered (or BankCardChanged, when another card replaces the one on file) that names a random card reference and the date, never the number. The same body again answers as the first time and records nothing. The number must be 16-19 digits with a Luhn check digit (UnionPay debit cards); no answer or error repeats it, reads show the last four digits only. Refused once the person is forgotten.',
  })
  @ApiParam({ name: 'memberId', schema: ID_SCHEMA })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['cardNumber', 'bankName', 'holderName'],
      properties: {
        cardNumber: {
          type: 'string',
          pattern: '^[0-9]{16,19}$',
          description: '16-19 digits, no spaces, Luhn check digit; kept out of events, shown as •••• and the last 4',
        },
        bankName: { type: 'string', maxLength: 50 },
        holderName: { type: 'string', maxLength: 100 },
      },
      example: { cardNumber: '6222020200112233445', bankName: '中国农业银行乌兰浩特支行', holderName: '张三' },
    },
  })
  @ApiResponse({
    status: 200,
    description: 'on file',
    schema: {
      type: 'object',
      example: {
        householdId: 'xal-ulh-0001',
        memberId: 'xal-ulh-0001-01',
        bankCard: {
          status: 'ON_FILE',
          cardReference: '0b6f4c7e-…',
          bankName: '中国农业银行乌兰浩特支行',
          masked: '•••• 3445',
          onFileSince: '2019-03-01',
        },
      },
    },
  })
  @ApiCommand()
  @Allow('civil-affairs')
  @ApiRefusal(404, 'no such member', 'MEMBER_NOT_FOUND', 'member xal-ulh-0001-09 is not registered')
  @ApiRefusal(
    422,
    'the person was forgotten',
    'PERSONAL_DATA_ERASED',
    'member xal-ulh-0001-01 was forgotten on 2020-01-02',
  )
  async register(
    @Param('memberId') memberId: string,
    @Body() body: unknown,
    // All headers, not one by name: a named one would be documented as required.
    @Headers() headers: Record<string, string | undefined>,
    @CurrentActor() actor: Actor,
  ): Promise<BankCardAnswer> {
    await requireMemberInScope(this.deps, actor, memberId);
    return registerBankCard(this.deps, memberId, body, traceOf(headers, actor));
  }
}
