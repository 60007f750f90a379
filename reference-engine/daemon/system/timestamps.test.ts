import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../../errors.js';
import { parseEventTime } from './timestamps.js';

const NOW = 1_700_000_000_000_000_000n;
const S = 1_000_000_000n;

describe("events' since/until (moby's timetypes)", () => {
  it('takes unix seconds with a fraction, Go durations back from now, and RFC 3339 dates', () => {
    expect(parseEventTime('1700000000', NOW)).toBe(1_700_000_000n * S);
    expect(parseEventTime('1.5', NOW)).toBe(S + 500_000_000n);
    expect(parseEventTime('10m', NOW)).toBe(NOW - 600n * S);
    expect(parseEventTime('1h30m', NOW)).toBe(NOW - 5400n * S);
    expect(parseEventTime('-10m', NOW)).toBe(NOW + 600n * S);
    expect(parseEventTime('2024-01-02T03:04:05Z', NOW)).toBe(
      BigInt(Date.UTC(2024, 0, 2, 3, 4, 5)) * 1_000_000n,
    );
    expect(parseEventTime('2024-01-02T03:04:05.25+01:00', NOW)).toBe(
      BigInt(Date.UTC(2024, 0, 2, 2, 4, 5, 250)) * 1_000_000n,
    );
    expect(parseEventTime('2024-01-02T03Z', NOW)).toBe(BigInt(Date.UTC(2024, 0, 2, 3)) * 1_000_000n);
    expect(parseEventTime('', NOW)).toBeUndefined();
  });

  // Date.parse took each of these (the fuzzer found `1.5.5` and `--1` answered 200).
  it.each(['1.5.5', '--1', 'abc', '10x', '1e3', 'yesterday', '2024-13-01', '2024-01-02 03:04', 'Jan 2 2024'])(
    'refuses %j with a 400',
    (value) => {
      expect(() => parseEventTime(value, NOW)).toThrow(InvalidArgument);
    },
  );
});
