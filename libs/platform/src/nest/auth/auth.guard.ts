import { HttpException, HttpStatus, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './allow';
import type { Actor, Role } from '@aid/auth';
import { forbidden } from './scope';
import { TokenError, type TokenVerifier } from '@aid/auth';

/** Probes answer anyone, also when their controller comes from elsewhere without @Public. */
const PUBLIC_PATHS = new Set(['/health', '/ready']);

function unauthorized(res: Response, message: string, invalid: boolean): HttpException {
  // RFC 6750 §3: the challenge says a token is wanted and, when one came, that it was not good.
  res.setHeader(
    'WWW-Authenticate',
    invalid
      ? `Bearer realm="aid-ledger", error="invalid_token", error_description="${message.replace(/["\\]/g, '')}"`
      : 'Bearer realm="aid-ledger"',
  );
  return new HttpException({ statusCode: 401, error: 'Unauthorized', message }, HttpStatus.UNAUTHORIZED);
}

/** The one guard of every service: a valid bearer token, then a role the endpoint's @Allow lists. */
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const res = context.switchToHttp().getResponse<Response>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) || PUBLIC_PATHS.has(req.path)) return true;

    const header = req.headers.authorization;
    if (!header) throw unauthorized(res, 'a bearer token is required: Authorization: Bearer <token>', false);
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (!match) throw unauthorized(res, 'the Authorization header must be "Bearer <token>"', true);
    try {
      req.actor = await this.verifier.verify(match[1]);
    } catch (err) {
      if (err instanceof TokenError) throw unauthorized(res, err.message, true);
      process.stderr.write(`auth: cannot verify tokens: ${err instanceof Error ? err.message : String(err)}\n`);
      throw new HttpException(
        { statusCode: 503, error: 'Service Unavailable', message: 'tokens cannot be verified now; try again' },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!roles) throw forbidden('this endpoint is not in the access matrix: no role may call it');
    if (!roles.includes(req.actor.role))
      throw forbidden(`role ${req.actor.role} may not call this endpoint; allowed: ${roles.join(', ')}`);
    return true;
  }
}
