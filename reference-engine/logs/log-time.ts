import { InvalidArgument } from '../errors.js';

const NS_PER_S = 1_000_000_000n;
const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;
const UNIX = /^(-?\d+)(?:\.(\d{1,9}))?$/;

/** Nanoseconds since the epoch of an RFC 3339 time with up to 9 fraction digits; undefined if malformed. */
export function parseRfc3339Ns(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/**
 * A `since`/`until` query value in nanoseconds: unix seconds with an optional fraction (`1700000000.5`,
 * what Docker clients send) or an RFC 3339 time. Empty or `0` means unset (undefined).
 */
export function parseLogTimeParam(name: string, text: string | undefined): bigint | undefined {
  if (text === undefined || text === '') return undefined;
  const unix = UNIX.exec(text);
  const ns = unix
    ? BigInt(unix[1] ?? '0') * NS_PER_S + BigInt((unix[2] ?? '').padEnd(9, '0'))
    : parseRfc3339Ns(text);
  if (ns === undefined) throw new InvalidArgument(`invalid value for "${name}": ${JSON.stringify(text)}`);
  return ns === 0n ? undefined : ns;
}

/** Docker's RFC3339NanoFixed in UTC: always nine fraction digits (`2024-01-02T03:04:05.000000001Z`). */
export function formatTimestampNs(ns: bigint): string {
  const seconds = ns / NS_PER_S;
  const fraction = (ns % NS_PER_S).toString().padStart(9, '0');
  const iso = new Date(Number(seconds) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  return `${iso.slice(0, 19)}.${fraction}Z`;
}
