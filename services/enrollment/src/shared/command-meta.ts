import { Checker, traceHeaderProblem } from '@aid/contracts';
import { actorMetadata, type Actor } from '@aid/auth';
import type { EnrollmentDeps } from './deps';
import { isAbsent } from './input';

/** Headers a command may carry to tie its events to the caller's own flow. */
export interface CommandHeaders {
  correlationId?: string | string[];
  causationId?: string | string[];
  /** Who sends it, from their verified token. */
  actor?: Actor;
}

/** Metadata of the events one command appends, and the registry's date of today. */
export interface CommandMeta {
  commandId: string;
  correlationId: string;
  causationId: string;
  /** Who sent the command (subject, role, agency, region of their token); null only outside HTTP. */
  actor: ReturnType<typeof actorMetadata> | null;
  /** ISO-8601 instant the command was handled. */
  occurredAt: string;
  /** The calendar date in China Standard Time (UTC+8, no daylight saving). */
  today: string;
}

const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;

export function chinaCalendarDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_STANDARD_TIME_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * One id per command. The correlation id is the caller's (`X-Correlation-Id`) or the
 * command's; the causation id is the caller's (`X-Causation-Id`: the message that made it
 * send this command) or the command's. Bad headers are named like bad fields.
 */
export function commandMeta(
  deps: Pick<EnrollmentDeps, 'clock' | 'newId'>,
  headers: CommandHeaders,
  c: Checker,
): CommandMeta {
  const commandId = deps.newId();
  const now = deps.clock();
  const header = (name: string, value: string | string[] | undefined): string | undefined => {
    if (isAbsent(value)) return undefined;
    const problem = traceHeaderProblem(value);
    if (problem) {
      c.fail(name, problem);
      return undefined;
    }
    return value as string;
  };
  const correlationId = header('X-Correlation-Id', headers.correlationId) ?? commandId;
  const causationId = header('X-Causation-Id', headers.causationId) ?? commandId;
  return {
    commandId,
    correlationId,
    causationId,
    actor: headers.actor ? actorMetadata(headers.actor) : null,
    occurredAt: now.toISOString(), today: chinaCalendarDate(now) };
}

/** The trace headers of a request (Node lower-cases header names) and its verified caller. */
export function traceOf(headers: Record<string, string | undefined>, actor?: Actor): CommandHeaders {
  return { correlationId: headers['x-correlation-id'], causationId: headers['x-causation-id'], actor };
}
