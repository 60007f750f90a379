import type { ContainerConfig } from '../daemon/wire/containers.js';
import { InvalidArgument } from '../errors.js';

/** One probe's result as inspect shows it (swagger HealthcheckResult); times RFC 3339 with nanoseconds. */
export interface HealthLogEntry {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

/** A container's health (swagger Health), kept in its record's state while it has a healthcheck. */
export interface HealthState {
  Status: 'starting' | 'healthy' | 'unhealthy';
  FailingStreak: number;
  Log: HealthLogEntry[];
}

/** dockerd's defaults for a zero Interval, Timeout, StartPeriod and Retries. */
export const HEALTH_DEFAULTS = { intervalNs: 30e9, timeoutNs: 30e9, startPeriodNs: 0, retries: 3 } as const;
/** dockerd keeps the last 5 results. */
export const MAX_LOG_ENTRIES = 5;
/** dockerd keeps the first 4096 bytes of a probe's output (then `...`). */
export const MAX_OUTPUT_BYTES = 4096;

/** dockerd's least non-zero Interval, Timeout and StartPeriod (1ms, in ns). */
export const MIN_DURATION_NS = 1e6;

/**
 * dockerd's check of a create request's own Healthcheck (before the image's is merged in): a duration
 * is 0 (the default) or at least 1ms, Retries is not negative. A breach is a 400 with dockerd's words.
 */
export function checkHealthcheck(hc: ContainerConfig['Healthcheck']): void {
  if (!hc) return;
  for (const key of ['Interval', 'Timeout', 'StartPeriod'] as const) {
    const v = hc[key];
    if (v !== undefined && v !== 0 && v < MIN_DURATION_NS)
      throw new InvalidArgument(`${key} in Healthcheck cannot be less than 1ms`);
  }
  if (hc.Retries !== undefined && hc.Retries < 0)
    throw new InvalidArgument('Retries in Healthcheck cannot be negative');
}

/** What one container's monitor runs, and how often. */
export interface ProbeSettings {
  args: string[];
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  retries: number;
  /** The timeout as dockerd prints it in the timed-out result (Go's Duration.String). */
  timeoutText: string;
}

const positiveOr = (v: number | undefined, d: number): number => (v !== undefined && v > 0 ? v : d);

/**
 * The probe of a Config.Healthcheck, or undefined when it runs none: no healthcheck, an empty Test,
 * `NONE`, or a Test type dockerd does not know. `CMD` runs its arguments, `CMD-SHELL` runs them through
 * Config.Shell (default `/bin/sh -c`).
 */
export function probeSettings(
  config: Pick<ContainerConfig, 'Healthcheck' | 'Shell'>,
): ProbeSettings | undefined {
  const hc = config.Healthcheck;
  const test = hc?.Test ?? [];
  if (!hc || test.length === 0) return undefined;
  const rest = test.slice(1);
  let args: string[];
  if (test[0] === 'CMD') args = rest;
  else if (test[0] === 'CMD-SHELL')
    args = [...(config.Shell?.length ? config.Shell : ['/bin/sh', '-c']), ...rest];
  else return undefined;
  if (args.length === 0) return undefined;
  const timeoutNs = positiveOr(hc.Timeout, HEALTH_DEFAULTS.timeoutNs);
  return {
    args,
    intervalMs: positiveOr(hc.Interval, HEALTH_DEFAULTS.intervalNs) / 1e6,
    timeoutMs: timeoutNs / 1e6,
    startPeriodMs: positiveOr(hc.StartPeriod, HEALTH_DEFAULTS.startPeriodNs) / 1e6,
    retries: positiveOr(hc.Retries, HEALTH_DEFAULTS.retries),
    timeoutText: goDuration(timeoutNs),
  };
}

/** Fixed-point decimal `v / 10^digits` with trailing zeros dropped ("1.5", "300"). */
function decimal(v: number, digits: number): string {
  const whole = Math.floor(v / 10 ** digits);
  const frac = String(v % 10 ** digits)
    .padStart(digits, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** Go's time.Duration.String() of `ns` nanoseconds: 300ms, 1.5s, 1m30s, 1h0m0s. */
export function goDuration(ns: number): string {
  const n = Math.round(ns);
  if (n === 0) return '0s';
  if (n < 0) return `-${goDuration(-n)}`;
  if (n < 1e3) return `${n}ns`;
  if (n < 1e6) return `${decimal(n, 3)}µs`;
  if (n < 1e9) return `${decimal(n, 6)}ms`;
  const h = Math.floor(n / 3.6e12);
  const m = Math.floor((n % 3.6e12) / 6e10);
  const s = `${decimal(n % 6e10, 9)}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  if (m > 0) return `${m}m${s}`;
  return s;
}

/** Output kept as dockerd keeps it: the first MAX_OUTPUT_BYTES bytes, `...` when there was more. */
export function limitOutput(chunks: readonly Buffer[]): string {
  const all = Buffer.concat(chunks);
  if (all.length <= MAX_OUTPUT_BYTES) return all.toString('utf8');
  return `${all.subarray(0, MAX_OUTPUT_BYTES).toString('utf8')}...`;
}

/** A fresh health at a start: `starting`, the streak reset, the log of earlier runs kept (dockerd's). */
export function startingHealth(previous: HealthState | undefined): HealthState {
  return { Status: 'starting', FailingStreak: 0, Log: previous?.Log ?? [] };
}

/**
 * dockerd's handling of one result: it joins the log (the last MAX_LOG_ENTRIES kept); exit 0 is
 * healthy and resets the streak; anything else is a failure, which does not count while the container
 * is still `starting` and the probe began within StartPeriod of the container's start; a counted failure
 * grows the streak, and `Retries` of them in a row make it unhealthy. Returns the new health.
 */
export function applyResult(
  health: HealthState,
  result: HealthLogEntry,
  rule: { retries: number; startPeriodMs: number; startedAt: string },
): HealthState {
  const Log = [...health.Log, result].slice(-MAX_LOG_ENTRIES);
  if (result.ExitCode === 0) return { Status: 'healthy', FailingStreak: 0, Log };
  const sinceStart = Date.parse(result.Start) - Date.parse(rule.startedAt);
  if (health.Status === 'starting' && sinceStart < rule.startPeriodMs) return { ...health, Log };
  const FailingStreak = health.FailingStreak + 1;
  return { Status: FailingStreak >= rule.retries ? 'unhealthy' : health.Status, FailingStreak, Log };
}
