/**
 * Why a command was refused, in the domain's own words. The edge turns the kind into an
 * HTTP answer: NOT_FOUND 404, CONFLICT 409 (clashes with what exists), RULE 422.
 */
export type RefusalKind = 'NOT_FOUND' | 'CONFLICT' | 'RULE';

export class HouseholdRefusal extends Error {
  readonly retriable = false;
  constructor(
    readonly code: string,
    message: string,
    readonly kind: RefusalKind,
  ) {
    super(message);
    this.name = 'HouseholdRefusal';
  }
}

export const notFound = (code: string, message: string) => new HouseholdRefusal(code, message, 'NOT_FOUND');
export const conflict = (code: string, message: string) => new HouseholdRefusal(code, message, 'CONFLICT');
export const rule = (code: string, message: string) => new HouseholdRefusal(code, message, 'RULE');
