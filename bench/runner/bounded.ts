import { TimeoutError } from '../../core/errors.js';

/** An error's message, or the thrown value as text. */
export const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Runs `f` with a deadline: after `ms` its signal aborts and the call rejects with a TimeoutError
 * naming `what`. A synchronous throw from `f` rejects the same way as its promise.
 */
export async function bounded<T>(
  what: string,
  ms: number,
  f: (signal: AbortSignal) => Promise<T> | T,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new TimeoutError(what, ms);
      controller.abort(err);
      reject(err);
    }, ms);
  });
  try {
    return await Promise.race([f(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
