import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, type Actor } from '@aid/platform/nest';
import { requireHouseholdInScope } from '../shared/actor-scope';
import { traceOf } from '../shared/command-meta';
import { ENROLLMENT_DEPS, type EnrollmentDeps } from '../shared/deps';
import {
  ApiCommand,
  ApiRefusal,
  CATEGORIES_SCHEMA,
  DATE_SCHEMA,
  ID_NUMBER_SCHEMA,
  ID_SCHEMA,
  RELATION_SCHEMA,
  SEX_SCHEMA,
} from '../shared/openapi';
import { addMember } from './add-member.handler';

@ApiTags('households')
@Controller('households')
export class AddMemberController {
  constructor(@Inject(ENROLLMENT_DEPS) private readonly deps: EnrollmentDeps) {}

  @Post(':householdId/members')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Add a member to a registered household',
    description:
      'Appends MemberAdded. Name and ID number go to the erasable personal-data store in the same transaction; one ID number belongs to one member only.',
  })
  @ApiParam({ name: 'householdId', schema: ID_SCHEMA })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'idNumber', 'relation'],
      properties: {
        memberId: { ...ID_SCHEMA, description: 'optional; default a UUID' },
        name: { type: 'string', maxLength: 100 },
        idNumber: ID_NUMBER_SCHEMA,
        birthDate: { ...DATE_SCHEMA, description: 'optional; must agree with idNumber' },
        sex: SEX_SCHEMA,
        relation: {
          ...RELATION_SCHEMA,
          description: 'relation to the head (a household has one HEAD, registered with it)',
        },
        categories: {
          ...CATEGORIES_SCHEMA,
          description: "the member's own categories, besides the household's (default none)",
        },
        addedOn: { ...DATE_SCHEMA, description: 'optional; default today (China Standard Time)' },
      },
      example: {
        memberId: 'xal-ulh-0001-02',
        name: '李四',
        idNumber: '152201197109030144',
        relation: 'SPOUSE',
        categories: ['LOW_INCOME'],
        addedOn: '2019-03-01',
      },
    },
  })
  @ApiResponse({
    status: 201,
    description: 'added',
    schema: {
      type: 'object',
      properties: { householdId: { type: 'string' }, memberId: { type: 'string' } },
      example: { householdId: 'xal-ulh-0001', memberId: 'xal-ulh-0001-02' },
    },
  })
  @ApiCommand()
  @Allow('civil-affairs')
  @ApiRefusal(404, 'no such household', 'HOUSEHOLD_NOT_FOUND', 'household xal-ulh-0001 is not registered')
  @ApiRefusal(
    409,
    'the member id or the ID number is already registered, or a second HEAD',
    'ID_NUMBER_ALREADY_REGISTERED',
    'this ID number is already registered to another member',
  )
  @ApiRefusal(
    422,
    'refused by a rule (added before the household was registered, born after addedOn, a date after today)',
    'ADDED_BEFORE_REGISTRATION',
    'addedOn 2019-01-01 is before the household was registered (2019-03-01)',
  )
  async add(
    @Param('householdId') householdId: string,
    @Body() body: unknown,
    // All headers, not one by name: a named one would be documented as required.
    @Headers() headers: Record<string, string | undefined>,
    @CurrentActor() actor: Actor,
  ): Promise<{ householdId: string; memberId: string }> {
    await requireHouseholdInScope(this.deps, actor, householdId);
    return addMember(this.deps, householdId, body, traceOf(headers, actor));
  }
}
