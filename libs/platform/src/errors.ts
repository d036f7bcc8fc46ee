import type { FieldProblem } from '@aid/contracts';

/** Bad input at an edge: every bad field named. HTTP answers 400. */
export class InputError extends Error {
  readonly retriable = false;
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'InputError';
  }
}

/**
 * A command refused by the rules (unknown member, ID number already registered...).
 * `status` is the HTTP answer: 404 not found, 409 conflicts with what exists, 422 refused.
 */
export class CommandRefused extends Error {
  readonly retriable = false;
  constructor(
    readonly code: string,
    message: string,
    readonly status: 404 | 409 | 422 = 422,
  ) {
    super(message);
    this.name = 'CommandRefused';
  }
}
