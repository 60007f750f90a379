import { InvalidArgument } from '../../errors.js';

const DURATION = /^(\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/**
 * Docker's `since`/`until` (moby's timetypes.GetTimestamp): unix seconds with an optional fraction
 * (`1700000000.5`), a Go duration back from now (`10m`), or an RFC 3339 date. Nanoseconds since the
 * epoch; undefined for an empty value.
 */
export function parseEventTime(value: string | undefined, nowNs: bigint): bigint | undefined {
  if (value === undefined || value === '') return undefined;
  const unix = /^(\d+)(?:\.(\d{1,9}))?$/.exec(value);
  if (unix) return BigInt(unix[1] ?? '0') * 1_000_000_000n + BigInt((unix[2] ?? '').padEnd(9, '0') || '0');
  if (DURATION.test(value)) {
    let ns = 0;
    for (const [, n, unit] of value.matchAll(PART)) ns += Number(n) * (UNIT_NS[unit ?? 's'] ?? 0);
    return nowNs - BigInt(Math.round(ns));
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidArgument(`failed to parse value as time or duration: "${value}"`);
  return BigInt(ms) * 1_000_000n;
}

export const nowNanos = (): bigint => BigInt(Date.now()) * 1_000_000n;
