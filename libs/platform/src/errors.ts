import type { FieldProblem } from '@aid/contracts';
import { Refusal, type RefusalKind } from '@aid/event-store/decider';

export { Refusal, type RefusalKind };

/** Bad input at an edge: every bad field named. HTTP answers 400. */
export class InputError extends Error {
  readonly retriable = false;
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'InputError';
  }
}

/** The HTTP answer to each kind of refusal: decided here and nowhere else. */
export const HTTP_STATUS_OF_REFUSAL: Record<RefusalKind, 404 | 409 | 422> = { NOT_FOUND: 404, CONFLICT: 409, RULE: 422 };

const KIND_OF_STATUS: Record<404 | 409 | 422, RefusalKind> = { 404: 'NOT_FOUND', 409: 'CONFLICT', 422: 'RULE' };

/**
 * A Refusal built from the HTTP status an edge wants, for the edges that still think in
 * statuses (payout's queries, enrollment's household view).
 * @deprecated throw a Refusal (notFound / conflict / rule from '@aid/event-store/decider').
 */
export class CommandRefused extends Refusal {
  constructor(code: string, message: string, status: 404 | 409 | 422 = 422) {
    super(code, message, KIND_OF_STATUS[status]);
    this.name = 'CommandRefused';
  }

  get status(): 404 | 409 | 422 {
    return HTTP_STATUS_OF_REFUSAL[this.kind];
  }
}
