import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, type Actor } from '@aid/platform/nest';
import { requireMemberInScope } from '../shared/actor-scope';
import { traceOf } from '../shared/command-meta';
import { ENROLLMENT_DEPS, type EnrollmentDeps } from '../shared/deps';
import { ApiCommand, ApiRefusal, DATE_SCHEMA, ID_SCHEMA } from '../shared/openapi';
import { certifyDisease } from './certify-disease.handler';

@ApiTags('members')
@Controller('members')
export class CertifyDiseaseController {
  constructor(@Inject(ENROLLMENT_DEPS) private readonly deps: EnrollmentDeps) {}

  @Post(':memberId/diseases')
  @HttpCode(201)
  @ApiOperation({
    summary: "Certify a member's major (大病) or chronic (门诊慢病) disease",
    description: "Appends DiseaseCertified. The date may not precede the member's registration nor be after today.",
  })
  @ApiParam({ name: 'memberId', schema: ID_SCHEMA })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'diseaseCode', 'certifiedOn'],
      properties: {
        kind: { type: 'string', enum: ['MAJOR', 'CHRONIC'] },
        diseaseCode: {
          ...ID_SCHEMA,
          description:
            "a code on the household's region list for the kind (else 400 when no region lists it, 422 DISEASE_NOT_ON_REGION_LIST)",
        },
        certifiedOn: DATE_SCHEMA,
      },
      example: { kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-05-10' },
    },
  })
  @ApiResponse({
    status: 201,
    description: 'certified',
    schema: {
      type: 'object',
      example: {
        householdId: 'xal-ulh-0001',
        memberId: 'xal-ulh-0001-01',
        kind: 'MAJOR',
        diseaseCode: 'LEUKEMIA',
        certifiedOn: '2019-05-10',
      },
    },
  })
  @ApiCommand()
  @Allow('civil-affairs')
  @ApiRefusal(404, 'no such member', 'MEMBER_NOT_FOUND', 'member xal-ulh-0001-09 is not registered')
  @ApiRefusal(
    409,
    'the same disease already certified',
    'DISEASE_ALREADY_CERTIFIED',
    'member xal-ulh-0001-01 already has MAJOR LEUKEMIA certified',
  )
  @ApiRefusal(
    422,
    'refused by a rule',
    'CERTIFIED_BEFORE_REGISTRATION',
    'certifiedOn 2019-01-01 is before the member was registered (2019-03-01)',
  )
  async certify(
    @Param('memberId') memberId: string,
    @Body() body: unknown,
    // All headers, not one by name: a named one would be documented as required.
    @Headers() headers: Record<string, string | undefined>,
    @CurrentActor() actor: Actor,
  ): ReturnType<typeof certifyDisease> {
    await requireMemberInScope(this.deps, actor, memberId);
    return certifyDisease(this.deps, memberId, body, traceOf(headers, actor));
  }
}
