import { HttpException, HttpStatus } from '@nestjs/common';
import type { Actor } from '@aid/auth';

export function forbidden(message: string): HttpException {
  return new HttpException({ statusCode: 403, error: 'Forbidden', message }, HttpStatus.FORBIDDEN);
}

/** A token for region R acts on region R only; a token without a region is provincial. */
export function requireRegion(actor: Actor, region: string, what: string): void {
  if (actor.region !== null && actor.region !== region)
    throw forbidden(`this token is for region ${actor.region}; ${what} is not in it`);
}

/** A hospital acts on its own facility only (its token's `facility`); other roles are not narrowed. */
export function requireFacility(actor: Actor, facilityId: string, what: string): void {
  if (actor.role === 'hospital' && actor.facility !== facilityId)
    throw forbidden(
      actor.facility === null
        ? 'a hospital token must name its facility'
        : `this token is for facility ${actor.facility}; ${what} is not of it`,
    );
}

/** A township reads its own township only (its token's `township`). */
export function requireTownship(actor: Actor, township: string, what: string): void {
  if (actor.role === 'township' && actor.township !== township)
    throw forbidden(
      actor.township === null
        ? 'a township token must name its township'
        : `this token is for township ${actor.township}; ${what} is not in it`,
    );
}
