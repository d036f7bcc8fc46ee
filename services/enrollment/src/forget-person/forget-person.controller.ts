import { Controller, Delete, Headers, HttpCode, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, type Actor } from '@aid/platform/nest';
import { requireMemberInScope } from '../shared/actor-scope';
import { traceOf } from '../shared/command-meta';
import { ENROLLMENT_DEPS, type EnrollmentDeps } from '../shared/deps';
import { ApiCommand, ApiRefusal, ID_SCHEMA } from '../shared/openapi';
import { forgetPerson } from './forget-person.handler';

@ApiTags('personal data')
@Controller('members')
export class ForgetPersonController {
  constructor(@Inject(ENROLLMENT_DEPS) private readonly deps: EnrollmentDeps) {}

  @Delete(':memberId/personal-data')
  @HttpCode(204)
  @ApiOperation({
    summary: "Forget a person: erase the member's name and ID number",
    description:
      'Deletes the personal-data row and records an internal PersonalDataErased event (not published) in one transaction. Events and every fen of history stay; queries then show the member without name or ID number. Repeating it is harmless. The ID number may then be registered again.',
  })
  @ApiParam({ name: 'memberId', schema: ID_SCHEMA })
  @ApiResponse({ status: 204, description: 'forgotten (or already forgotten)' })
  @ApiCommand()
  @Allow('dpo')
  @ApiRefusal(404, 'no such member', 'MEMBER_NOT_FOUND', 'member xal-ulh-0001-09 is not registered')
  async forget(
    @Param('memberId') memberId: string,
    // All headers, not one by name: a named one would be documented as required.
    @Headers() headers: Record<string, string | undefined>,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await requireMemberInScope(this.deps, actor, memberId);
    return forgetPerson(this.deps, memberId, traceOf(headers, actor));
  }
}
