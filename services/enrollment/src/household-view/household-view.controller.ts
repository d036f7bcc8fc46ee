import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { Allow, CurrentActor, requireRegion, requireTownship, type Actor } from '@aid/platform/nest';
import { ENROLLMENT_DEPS, type EnrollmentDeps } from '../shared/deps';
import { ApiBadRequest, ApiRefusal, ID_SCHEMA } from '../shared/openapi';
import { getHousehold, getMember } from './household-queries';
import type { HouseholdView, MemberView } from './household-view';

const MEMBER_EXAMPLE = {
  memberId: 'xal-ulh-0001-01',
  householdId: 'xal-ulh-0001',
  relation: 'HEAD',
  name: '张三',
  personalData: { status: 'HELD' },
  bankCard: {
    status: 'ON_FILE',
    cardReference: '0b6f4c7e-…',
    bankName: '中国农业银行乌兰浩特支行',
    masked: '•••• 3445',
    onFileSince: '2019-03-01',
  },
  birthDate: '1968-04-12',
  sex: 'MALE',
  categories: [],
  effectiveCategories: ['POOR'],
  addedOn: '2019-03-01',
  insurance: [{ year: 2019, premium: '220.00', premiumSubsidy: '220.00', selfPaid: '0.00' }],
  diseases: [{ kind: 'MAJOR', diseaseCode: 'LEUKEMIA', certifiedOn: '2019-05-10' }],
};

const MEMBER_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    memberId: { type: 'string' },
    householdId: { type: 'string' },
    relation: { type: 'string' },
    name: { type: 'string', nullable: true, description: 'null once the person is forgotten' },
    personalData: { type: 'object', description: "{status: 'HELD'} or {status: 'ERASED', erasedOn}" },
    bankCard: {
      type: 'object',
      description:
        "{status: 'NONE'}, {status: 'ON_FILE', cardReference, bankName, masked: '•••• 1234', onFileSince} or {status: 'ERASED', erasedOn}; never the number",
    },
    birthDate: { type: 'string', format: 'date' },
    sex: { type: 'string', enum: ['MALE', 'FEMALE'] },
    categories: { type: 'array', items: { type: 'string' }, description: "the member's own" },
    effectiveCategories: {
      type: 'array',
      items: { type: 'string' },
      description: "the household's and the member's own, EXTREME_POOR first",
    },
    addedOn: { type: 'string', format: 'date' },
    insurance: {
      type: 'array',
      items: { type: 'object' },
      description: 'insured years: premium, premiumSubsidy, selfPaid (yuan)',
    },
    diseases: { type: 'array', items: { type: 'object' } },
  },
};

@ApiTags('queries')
@Controller()
export class HouseholdViewController {
  constructor(@Inject(ENROLLMENT_DEPS) private readonly deps: EnrollmentDeps) {}

  @Get('households/:householdId')
  @ApiOperation({ summary: 'A household with its members, their insured years and certified diseases' })
  @ApiParam({ name: 'householdId', schema: ID_SCHEMA })
  @ApiResponse({
    status: 200,
    description: 'the household',
    schema: {
      type: 'object',
      properties: {
        householdId: { type: 'string' },
        region: { type: 'string' },
        address: { type: 'object' },
        registeredOn: { type: 'string', format: 'date' },
        categories: { type: 'array', items: { type: 'string' } },
        members: { type: 'array', items: MEMBER_SCHEMA },
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
        members: [MEMBER_EXAMPLE],
      },
    },
  })
  @ApiBadRequest()
  @ApiRefusal(404, 'no such household', 'HOUSEHOLD_NOT_FOUND', 'household xal-ulh-0009 is not registered')
  @Allow('civil-affairs', 'township', 'auditor', 'dpo')
  async household(@Param('householdId') householdId: string, @CurrentActor() actor: Actor): Promise<HouseholdView> {
    const view = await getHousehold(this.deps, householdId);
    requireRegion(actor, view.region, `household ${view.householdId}`);
    requireTownship(actor, view.address.township, `household ${view.householdId}`);
    return view;
  }

  @Get('members/:memberId')
  @ApiOperation({ summary: 'A member, with the region of their household' })
  @ApiParam({ name: 'memberId', schema: ID_SCHEMA })
  @ApiResponse({
    status: 200,
    description: 'the member',
    schema: {
      ...MEMBER_SCHEMA,
      properties: { ...MEMBER_SCHEMA.properties, region: { type: 'string' } },
      example: { ...MEMBER_EXAMPLE, region: 'xingan-league' },
    },
  })
  @ApiBadRequest()
  @ApiRefusal(404, 'no such member', 'MEMBER_NOT_FOUND', 'member xal-ulh-0001-09 is not registered')
  @Allow('civil-affairs', 'auditor', 'dpo')
  async member(
    @Param('memberId') memberId: string,
    @CurrentActor() actor: Actor,
  ): Promise<MemberView & { region: string }> {
    const view = await getMember(this.deps, memberId);
    requireRegion(actor, view.region, `member ${view.memberId}`);
    return view;
  }
}
