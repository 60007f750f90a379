import { TimeoutError } from './errors.js';

export interface WaitForOptions {
  /** The deadline, counted from the call. */
  readonly timeoutMs: number;
  /** Delay between attempts (default 100 ms); with `maxIntervalMs`, the first delay, doubled after each attempt. */
  readonly intervalMs?: number;
  /** Back off: the delay doubles after each attempt, up to this. */
  readonly maxIntervalMs?: number;
  /** At most this many attempts (default 100,000): every wait is bounded in count as well as in time. */
  readonly maxAttempts?: number;
  /** What is awaited, for the timeout message: e.g. `container abc to exit`. */
  readonly describe: string;
  /**
   * Whether an error the predicate throws is tried again (default: every one is, until the deadline). An
   * error it refuses ends the wait at once, thrown as it is.
   */
  readonly retry?: (err: unknown) => boolean;
  /** The error waitFor throws at the deadline (default: a TimeoutError naming `describe` and the last error). */
  readonly onTimeout?: (message: string, lastError: unknown) => Error;
}

/** What the predicate is told about the attempt it is making. */
export interface Attempt {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Time left before the deadline (at least 0): a bound for the attempt's own calls. */
  readonly leftMs: number;
}

/** Answers the awaited value, or false, undefined or null while it is not there yet. */
export type Predicate<T> = (
  attempt: Attempt,
) => T | false | undefined | null | Promise<T | false | undefined | null>;

type Outcome<T> = { readonly value: T } | { readonly lastError: unknown };

/** The one polling loop: attempts until a value, a refused error, the deadline or the attempt limit. */
async function poll<T>(predicate: Predicate<T>, opts: WaitForOptions): Promise<Outcome<T>> {
  const deadline = Date.now() + opts.timeoutMs;
  const maxAttempts = opts.maxAttempts ?? 100_000;
  let delay = opts.intervalMs ?? 100;
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const value = await predicate({ attempt, leftMs: Math.max(0, deadline - Date.now()) });
      if (value !== false && value !== undefined && value !== null) return { value };
      lastError = undefined;
    } catch (err) {
      if (opts.retry && !opts.retry(err)) throw err;
      lastError = err;
    }
    const left = deadline - Date.now();
    if (left <= 0 || attempt === maxAttempts) break;
    await new Promise((r) => setTimeout(r, Math.min(delay, left)));
    if (opts.maxIntervalMs !== undefined) delay = Math.min(delay * 2, opts.maxIntervalMs);
  }
  return { lastError };
}

/**
 * Polls `predicate` until it returns a value other than false/undefined/null, and returns that value.
 * Throws TimeoutError naming `describe` (and the last error the predicate threw) at the deadline.
 */
export async function waitFor<T>(predicate: Predicate<T>, opts: WaitForOptions): Promise<T> {
  const outcome = await poll(predicate, opts);
  if ('value' in outcome) return outcome.value;
  const { lastError } = outcome;
  const last = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  const message = `waiting for ${opts.describe}${last}`;
  throw opts.onTimeout?.(message, lastError) ?? new TimeoutError(message, opts.timeoutMs, lastError);
}

/**
 * The same loop as waitFor for a condition that may rightly never come (a negative claim, an optional
 * wait): the value, or undefined at the deadline.
 */
export async function pollFor<T>(predicate: Predicate<T>, opts: WaitForOptions): Promise<T | undefined> {
  const outcome = await poll(predicate, opts);
  return 'value' in outcome ? outcome.value : undefined;
}
