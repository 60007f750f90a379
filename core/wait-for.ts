import { TimeoutError } from './errors.js';

export interface WaitForOptions {
  readonly timeoutMs: number;
  /** Delay between attempts (default 100 ms). */
  readonly intervalMs?: number;
  /** What is awaited, for the timeout message: e.g. `container abc to exit`. */
  readonly describe: string;
}

/**
 * Polls `predicate` until it returns a value other than false/undefined/null, and returns that value.
 * Throws TimeoutError naming `describe` (and the last error the predicate threw) at the deadline.
 */
export async function waitFor<T>(
  predicate: () => T | false | undefined | null | Promise<T | false | undefined | null>,
  opts: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 100;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value !== false && value !== undefined && value !== null) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const last = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new TimeoutError(`waiting for ${opts.describe}${last}`, opts.timeoutMs, lastError);
    }
    await new Promise((r) => setTimeout(r, Math.min(interval, left)));
  }
}
