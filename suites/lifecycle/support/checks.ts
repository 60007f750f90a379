import { expect } from 'vitest';
import { pollFor } from '../../../core/wait-for.js';
import { waitFor } from '../../support/index.js';
import type { LifecycleStatus, StateView } from './engine.js';
import { LifecycleRejection } from './engine.js';
import type { LifecycleEngine } from './lifecycle-engine.js';

/** Generous bounds for a loaded 2-core machine: these are behaviour checks, not benchmarks. */
export const WAIT_MS = 30_000;

/** Polls inspect until the container is in `status` (and `extra` holds); returns that state. */
export function waitForState(
  engine: LifecycleEngine,
  id: string,
  status: LifecycleStatus,
  extra: (s: StateView) => boolean = () => true,
  timeoutMs = WAIT_MS,
): Promise<StateView> {
  return waitFor(
    async () => {
      const s = await engine.inspectState(id);
      return s.status === status && extra(s) ? s : undefined;
    },
    { timeoutMs, intervalMs: 100, describe: `container ${id} to be ${status}` },
  );
}

/** Polls the container's logs until `pattern` shows up; returns the whole log. */
export function waitForLog(engine: LifecycleEngine, id: string, pattern: RegExp, timeoutMs = WAIT_MS) {
  return waitFor(
    async () => {
      const log = await engine.logs(id);
      return pattern.test(log) ? log : undefined;
    },
    { timeoutMs, intervalMs: 100, describe: `log of ${id} to match ${pattern}` },
  );
}

/**
 * Asserts `call` is refused; on engines whose refusals carry an HTTP status (capability
 * errors.http-status) the status must be one of `httpStatus`.
 */
export async function expectRejected(
  engine: LifecycleEngine,
  call: Promise<unknown>,
  httpStatus: number | readonly number[] = 409,
): Promise<LifecycleRejection> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the engine accepted an illegal transition').toBeInstanceOf(LifecycleRejection);
  const rejection = err as LifecycleRejection;
  const allowed = typeof httpStatus === 'number' ? [httpStatus] : httpStatus;
  if (engine.httpErrors) expect(allowed, rejection.message).toContain(rejection.status);
  return rejection;
}

/** Signal lines printed by `probe sigwait`, in order. */
export function caughtSignals(log: string): string[] {
  return [...log.matchAll(/"signal":"(SIG[A-Z0-9+-]+)"/g)].map((m) => m[1] as string);
}

/** Asserts `pattern` stays out of the log for `windowMs` (a bounded poll for a negative claim). */
export async function expectLogStaysWithout(
  engine: LifecycleEngine,
  id: string,
  pattern: RegExp,
  windowMs: number,
): Promise<void> {
  const without = async () => {
    expect(await engine.logs(id)).not.toMatch(pattern);
    return false;
  };
  await pollFor(without, {
    timeoutMs: windowMs,
    intervalMs: 200,
    describe: `${pattern} to stay out`,
    retry: () => false,
  });
}

/** Asserts `status` does not appear within `windowMs` (a bounded poll for a negative claim). */
export async function expectStaysOut(
  engine: LifecycleEngine,
  id: string,
  changed: (s: StateView) => boolean,
  windowMs: number,
): Promise<StateView> {
  let last = await engine.inspectState(id);
  const unchanged = async ({ attempt }: { attempt: number }) => {
    if (attempt > 1) last = await engine.inspectState(id);
    expect(changed(last), `unexpected state ${JSON.stringify(last)}`).toBe(false);
    return false;
  };
  await pollFor(unchanged, {
    timeoutMs: windowMs,
    intervalMs: 200,
    describe: 'the state to stay',
    retry: () => false,
  });
  return last;
}
