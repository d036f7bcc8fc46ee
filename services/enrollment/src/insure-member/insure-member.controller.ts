import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, type Actor } from '@aid/platform/nest';
import { requireMemberInScope } from '../shared/actor-scope';
import { traceOf } from '../shared/command-meta';
import { ENROLLMENT_DEPS, type EnrollmentDeps } from '../shared/deps';
import { ApiCommand, ApiRefusal, ID_SCHEMA, YUAN_SCHEMA } from '../shared/openapi';
import { insureMember } from './insure-member.handler';

@ApiTags('members')
@Controller('members')
export class InsureMemberController {
  constructor(@Inject(ENROLLMENT_DEPS) private readonly deps: EnrollmentDeps) {}

  @Post(':memberId/insurance')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Enroll a member in basic medical insurance for a calendar year',
    description:
      "Appends MemberInsured. premiumSubsidy is the part of the premium a subsidy pays (资助参保), at most the premium; the premium is at most 5,000 yuan for one person and one year. The same body again answers as the first time and records nothing. The year may not precede the household's registration or the member's birth, nor be more than one year ahead.",
  })
  @ApiParam({ name: 'memberId', schema: ID_SCHEMA })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['year', 'premium', 'premiumSubsidy'],
      properties: {
        year: { type: 'integer', minimum: 2000, maximum: 2100 },
        premium: { ...YUAN_SCHEMA, description: 'yuan, at most two decimals, at most 5000.00 per person and year' },
        premiumSubsidy: YUAN_SCHEMA,
      },
      example: { year: 2019, premium: '220.00', premiumSubsidy: '220.00' },
    },
  })
  @ApiResponse({
    status: 201,
    description: 'insured',
    schema: {
      type: 'object',
      example: {
        householdId: 'xal-ulh-0001',
        memberId: 'xal-ulh-0001-01',
        year: 2019,
        premium: '220.00',
        premiumSubsidy: '220.00',
      },
    },
  })
  @ApiCommand()
  @Allow('civil-affairs')
  @ApiRefusal(404, 'no such member', 'MEMBER_NOT_FOUND', 'member xal-ulh-0001-09 is not registered')
  @ApiRefusal(
    409,
    'already insured for that year',
    'ALREADY_INSURED',
    'member xal-ulh-0001-01 is already insured for 2019',
  )
  @ApiRefusal(
    422,
    'refused by a rule',
    'INSURANCE_YEAR_BEFORE_REGISTRATION',
    'year 2018 is before the household was registered (2019-03-01)',
  )
  async insure(
    @Param('memberId') memberId: string,
    @Body() body: unknown,
    // All headers, not one by name: a named one would be documented as required.
    @Headers() headers: Record<string, string | undefined>,
    @CurrentActor() actor: Actor,
  ): ReturnType<typeof insureMember> {
    await requireMemberInScope(this.deps, actor, memberId);
    return insureMember(this.deps, memberId, body, traceOf(headers, actor));
  }
}
