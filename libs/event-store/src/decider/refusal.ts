/**
 * Why a command was refused, in the domain's own words: the one refusal type of the
 * project. Deciders throw it (it is plain TypeScript, importable from
 * '@aid/event-store/decider'); the HTTP edge maps its kind to a status in one place
 * (libs/platform/src/errors.ts).
 *
 * NOT_FOUND: the command names something that does not exist.
 * CONFLICT: it clashes with what exists (an id already used with other contents).
 * RULE: the rules refuse it as it stands.
 */
export type RefusalKind = 'NOT_FOUND' | 'CONFLICT' | 'RULE';

export class Refusal extends Error {
  /**
   * True only when the same command may succeed if sent again unchanged (it lost a race
   * that kept going after every retry); a refusal by the rules never does.
   */
  readonly retriable: boolean;
  constructor(
    readonly code: string,
    message: string,
    readonly kind: RefusalKind = 'RULE',
    options: { retriable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Refusal';
    this.retriable = options.retriable ?? false;
  }
}

export const notFound = (code: string, message: string): Refusal => new Refusal(code, message, 'NOT_FOUND');
export const conflict = (code: string, message: string): Refusal => new Refusal(code, message, 'CONFLICT');
export const rule = (code: string, message: string): Refusal => new Refusal(code, message, 'RULE');
