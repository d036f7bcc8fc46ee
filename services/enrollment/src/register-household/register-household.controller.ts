import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { REGIONS, isRecord } from '@aid/contracts';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, requireRegion, type Actor } from '@aid/platform/nest';
import { traceOf } from '../shared/command-meta';
import { ENROLLMENT_DEPS, type EnrollmentDeps } from '../shared/deps';
import {
  ApiCommand,
  ApiRefusal,
  CATEGORIES_SCHEMA,
  DATE_SCHEMA,
  ID_NUMBER_SCHEMA,
  ID_SCHEMA,
  SEX_SCHEMA,
} from '../shared/openapi';
import { registerHousehold } from './register-household.handler';

@ApiTags('households')
@Controller('households')
export class RegisterHouseholdController {
  constructor(@Inject(ENROLLMENT_DEPS) private readonly deps: EnrollmentDeps) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register a household (建档立卡) with its head',
    description:
      "Appends HouseholdRegistered and MemberAdded (relation HEAD, added on registeredOn). The head's name and ID number go to the erasable personal-data store in the same transaction; birth date and sex are read from the ID number. Ids are generated unless given.",
  })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['region', 'address', 'registeredOn', 'categories', 'head'],
      properties: {
        householdId: { ...ID_SCHEMA, description: "optional: the agency's own id; default a UUID" },
        region: {
          type: 'string',
          enum: [...REGIONS],
          description: 'policy region code: one of the regions whose policies claims settles by',
          example: 'xingan-league',
        },
        address: {
          type: 'object',
          additionalProperties: false,
          required: ['province', 'city', 'county', 'township', 'village'],
          properties: {
            province: { type: 'string', maxLength: 100 },
            city: { type: 'string', maxLength: 100 },
            county: { type: 'string', maxLength: 100 },
            township: { type: 'string', maxLength: 100 },
            village: { type: 'string', maxLength: 100 },
          },
        },
        registeredOn: DATE_SCHEMA,
        categories: { ...CATEGORIES_SCHEMA, description: 'categories of every member of the household' },
        head: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'idNumber'],
          properties: {
            memberId: { ...ID_SCHEMA, description: 'optional; default a UUID' },
            name: { type: 'string', maxLength: 100 },
            idNumber: ID_NUMBER_SCHEMA,
            birthDate: { ...DATE_SCHEMA, description: 'optional; must agree with idNumber' },
            sex: SEX_SCHEMA,
            categories: {
              ...CATEGORIES_SCHEMA,
              description: "the head's own categories, besides the household's (default none)",
            },
          },
        },
      },
      example: {
        householdId: 'xal-ulh-0001',
        region: 'xingan-league',
        address: {
          province: '内蒙古自治区',
          city: '兴安盟',
          county: '乌兰浩特市',
          township: '义勒力特镇',
          village: '前进村',
        },
        registeredOn: '2019-03-01',
        categories: ['POOR'],
        head: { memberId: 'xal-ulh-0001-01', name: '张三', idNumber: '152201196804120112', sex: 'MALE' },
      },
    },
  })
  @ApiResponse({
    status: 201,
    description: 'registered',
    schema: {
      type: 'object',
      properties: { householdId: { type: 'string' }, headMemberId: { type: 'string' } },
      example: { householdId: 'xal-ulh-0001', headMemberId: 'xal-ulh-0001-01' },
    },
  })
  @ApiCommand()
  @Allow('civil-affairs')
  @ApiRefusal(
    409,
    'the household id, the member id or the ID number is already registered',
    'ID_NUMBER_ALREADY_REGISTERED',
    'this ID number is already registered to another member',
  )
  @ApiRefusal(
    422,
    'refused by a rule (a date after today, a head born after registration)',
    'DATE_IN_FUTURE',
    'registeredOn 2031-01-01 is after today (2026-11-24)',
  )
  register(
    @Body() body: unknown,
    // All headers, not one by name: a named one would be documented as required.
    @Headers() headers: Record<string, string | undefined>,
    @CurrentActor() actor: Actor,
  ): Promise<{ householdId: string; headMemberId: string }> {
    // A region that is not a string is named by the handler's checks, as any bad field.
    if (isRecord(body) && typeof body.region === 'string') requireRegion(actor, body.region, 'the household');
    return registerHousehold(this.deps, body, traceOf(headers, actor));
  }
}
