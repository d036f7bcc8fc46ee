export interface WaitForOptions {
  /** Pause between polls (default 25 ms). */
  intervalMs?: number;
  /** Says what was awaited, in the timeout error. */
  message?: string | (() => string);
}

/**
 * Polls until `condition` returns a truthy value (which is returned) or the time runs out.
 * A condition that throws counts as not yet met, so `expect(...)` can be polled; its last
 * error is part of the timeout message. Tests wait for what they need instead of sleeping.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  timeoutMs = 10_000,
  options: number | WaitForOptions = {},
): Promise<T> {
  const { intervalMs = 25, message } = typeof options === 'number' ? { intervalMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lastError: unknown;
    try {
      const value = await condition();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const what = typeof message === 'function' ? message() : message;
      const because = lastError instanceof Error ? lastError.message : lastError ? String(lastError) : '';
      throw new Error(
        `condition not met within ${timeoutMs} ms${what ? `: ${what}` : ''}${because ? `\nlast error: ${because}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
