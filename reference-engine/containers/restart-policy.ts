import type { RestartPolicy } from '../daemon/wire/containers.js';
import { InvalidArgument } from '../errors.js';

/** Docker's restart manager numbers: first delay 100 ms, doubling, at most 1 min, reset after 10 s up. */
export const BACKOFF_START_MS = 100;
export const BACKOFF_MAX_MS = 60_000;
export const RESET_AFTER_MS = 10_000;

/** Checks a policy as dockerd does at create and update. */
export function checkRestartPolicy(p: RestartPolicy | undefined, autoRemove: boolean): void {
  const name = p?.Name ?? '';
  if (!['', 'no', 'always', 'unless-stopped', 'on-failure'].includes(name))
    throw new InvalidArgument(`invalid restart policy '${name}'`);
  const max = p?.MaximumRetryCount ?? 0;
  if (max < 0) throw new InvalidArgument('invalid restart policy: maximum retry count cannot be negative');
  if (max > 0 && name !== 'on-failure')
    throw new InvalidArgument(`maximum retry count cannot be used with restart policy '${name}'`);
  if (autoRemove && name !== '' && name !== 'no')
    throw new InvalidArgument(`can't create 'AutoRemove' container with restart policy`);
}

export interface RestartInput {
  policy: RestartPolicy | undefined;
  exitCode: number;
  /** Stopped or killed through the API (cancels any policy until the next start). */
  manuallyStopped: boolean;
  /** Policy restarts since the last API start (on-failure's count). */
  restartCount: number;
  /** How long the container ran before this exit. */
  ranMs: number;
  /** The previous delay (0 = none yet). */
  previousDelayMs: number;
}

export interface RestartDecision {
  restart: boolean;
  /** The delay before the restart; also the next `previousDelayMs`. */
  delayMs: number;
}

/**
 * dockerd's RestartManager.ShouldRestart: the backoff grows (100 ms, doubling, capped at 1 min) on every
 * exit and starts over when the container ran for 10 s; then the policy decides.
 */
export function decideRestart(input: RestartInput): RestartDecision {
  const name = input.policy?.Name ?? '';
  let delay = input.ranMs >= RESET_AFTER_MS ? 0 : input.previousDelayMs;
  delay = delay === 0 ? BACKOFF_START_MS : Math.min(delay * 2, BACKOFF_MAX_MS);
  let restart = false;
  if (name === 'always') restart = true;
  else if (name === 'unless-stopped') restart = !input.manuallyStopped;
  else if (name === 'on-failure') {
    const max = input.policy?.MaximumRetryCount ?? 0;
    restart = input.exitCode !== 0 && (max === 0 || input.restartCount < max);
  }
  return { restart, delayMs: delay };
}

/**
 * Whether a container that is not running is started when the daemon starts (dockerd's restore):
 * the same decision, except that `always` ignores a manual stop there.
 */
export function restartAtBoot(input: Omit<RestartInput, 'ranMs' | 'previousDelayMs'>): boolean {
  const name = input.policy?.Name ?? '';
  if (name === 'always') return true;
  return decideRestart({ ...input, ranMs: 0, previousDelayMs: 0 }).restart;
}
