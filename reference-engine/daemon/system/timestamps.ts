import { InvalidArgument } from '../../errors.js';

const DURATION = /^[-+]?(\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
/** The date shapes moby's timetypes parses: a day, then an hour, minutes, seconds with a fraction, a zone. */
const DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?)?(?:[zZ]|[+-]\d{2}:\d{2})?$/;
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
    return nowNs - BigInt(Math.round(value.startsWith('-') ? -ns : ns));
  }
  // Date.parse takes much that is no date (`1.5.5`): only moby's shapes go to it (an hour alone gets `:00`).
  const ms = DATE.test(value) ? Date.parse(value.replace(/(T\d{2})(?=$|[zZ+-])/, '$1:00')) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidArgument(`failed to parse value as time or duration: "${value}"`);
  return BigInt(ms) * 1_000_000n;
}

export const nowNanos = (): bigint => BigInt(Date.now()) * 1_000_000n;
