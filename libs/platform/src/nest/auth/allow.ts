import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import type { Actor, Role } from '@aid/auth';

export const ALLOWED_ROLES = Symbol('aid:allowed-roles');
export const PUBLIC_ROUTE = Symbol('aid:public');

/**
 * The roles that may call an endpoint: the access matrix lives in these decorators, one per
 * controller method, and the one AuthGuard enforces it. A method without one is refused to all.
 * Scopes finer than a role (region, township, facility) are checked by the method: see scope.ts.
 */
export function Allow(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiBearerAuth(),
    ApiResponse({ status: 401, description: 'no valid bearer token (see WWW-Authenticate)' }),
    ApiResponse({
      status: 403,
      description: `the token's role or scope may not do this; allowed: ${roles.join(', ')}`,
    }),
  );
}

/** An endpoint anyone may call (health, readiness). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The verified caller, set by the AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (!actor) throw new Error('CurrentActor on a route the AuthGuard did not authenticate');
  return actor;
});
