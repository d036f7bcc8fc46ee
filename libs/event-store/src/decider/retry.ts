import { WrongExpectedVersionError } from '../port';

/**
 * The one retry policy of command handling. Only a failure that left nothing written and
 * that a fresh read can resolve is tried again: another writer moved a stream on, or
 * PostgreSQL chose this transaction as the victim of a serialization failure or deadlock.
 * Anything else, and refusals above all, reaches the caller at once.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
}

// Commands are serialised per stream (see command-handler.ts), so a retry only happens
// against a writer that does not take the lock; a handful of attempts is plenty.
export const RETRY_POLICY: RetryPolicy = { maxAttempts: 5 };

const RETRIABLE_SQLSTATES = new Set(['40001' /* serialization_failure */, '40P01' /* deadlock_detected */]);

export function isRetriableConflict(error: unknown): boolean {
  if (error instanceof WrongExpectedVersionError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRIABLE_SQLSTATES.has(code);
}

/** Runs `attempt` until it succeeds, fails for good, or the policy's attempts are spent. */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy = RETRY_POLICY): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n < policy.maxAttempts && isRetriableConflict(err)) continue;
      throw err;
    }
  }
}
