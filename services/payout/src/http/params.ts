import { Checker, ID_HINT, ID_PATTERN, isRecord } from '@aid/contracts';
import { InputError } from '@aid/platform';
import { actorMetadata, type Actor } from '@aid/platform/nest';

/** Ids in paths: what the topics' contract accepts as an id. */
const ID = { pattern: ID_PATTERN, hint: ID_HINT };

export const YEAR_RANGE = { min: 2000, max: 2100 } as const;

/**
 * Checks a request's path parameters and query string and names every bad field at once
 * (HTTP 400 with `problems`). Query values arrive as strings; a field given twice is an array.
 */
export function parseRequest<P extends string, Q extends string>(
  params: Record<P, unknown>,
  query: Record<string, unknown>,
  spec: { ids: readonly P[]; years: readonly Q[] },
): Record<P, string> & Record<Q, number> {
  const c = new Checker();
  const out: Record<string, string | number> = {};
  for (const field of spec.ids) out[field] = c.string(params as Record<string, unknown>, field, ID);
  for (const field of spec.years) {
    const raw = query[field];
    if (raw === undefined)
      c.fail(field, `is required: a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}, e.g. ${field}=2019`);
    else if (
      typeof raw !== 'string' ||
      !/^\d{4}$/.test(raw) ||
      Number(raw) < YEAR_RANGE.min ||
      Number(raw) > YEAR_RANGE.max
    ) {
      c.fail(field, `must be a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}, e.g. ${field}=2019`);
    } else out[field] = Number(raw);
  }
  c.noOtherFields(query, spec.years);
  if (c.problems.length > 0) throw new InputError(c.problems);
  return out as Record<P, string> & Record<Q, number>;
}

/**
 * A JSON body with exactly the `known` fields (none: `{}` or no body), read by `read`; every
 * bad or unknown field named at once. A JSON request without a body reads as `{}`; a body of
 * another content type is not read.
 */
export function parseJsonBody<T>(
  value: unknown,
  known: string[],
  read: (c: Checker, b: Record<string, unknown>) => T,
): T {
  const c = new Checker();
  if (!isRecord(value)) throw new InputError([{ field: 'body', message: 'must be a JSON object' }]);
  const out = read(c, value);
  c.noOtherFields(value, known);
  if (c.problems.length > 0) throw new InputError(c.problems);
  return out;
}

/** What a command carries from the request: its correlation id, the time, and who sent it (the token's actor). */
export function commandMeta(
  correlationId: string | undefined,
  actor: Actor,
): { correlationId: string | undefined; occurredAt: string; actor: Record<string, unknown> } {
  return { correlationId, occurredAt: new Date().toISOString(), actor: { ...actorMetadata(actor) } };
}
