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
export const HTTP_STATUS_OF_REFUSAL: Record<RefusalKind, 404 | 409 | 422> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE: 422,
};
