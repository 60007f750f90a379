import { describe, expect, it } from 'vitest';
import { TimeoutError } from './errors.js';
import { pollFor, waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('returns the first truthy value', async () => {
    let n = 0;
    const v = await waitFor(() => (++n >= 3 ? `after ${n}` : false), {
      timeoutMs: 2_000,
      intervalMs: 5,
      describe: 'n',
    });
    expect(v).toBe('after 3');
  });

  it('stops at the deadline with a message naming what it waited for and the last error', async () => {
    const started = Date.now();
    const err = await waitFor(
      () => {
        throw new Error('still starting');
      },
      { timeoutMs: 150, intervalMs: 20, describe: 'container c1 to run' },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toBe(
      'waiting for container c1 to run (last error: still starting) timed out after 150 ms',
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('tells each attempt its number and the time left', async () => {
    const seen: Array<[number, number]> = [];
    await waitFor(
      ({ attempt, leftMs }) => {
        seen.push([attempt, leftMs]);
        return attempt === 2;
      },
      {
        timeoutMs: 1_000,
        intervalMs: 5,
        describe: 'two attempts',
      },
    );
    expect(seen.map(([a]) => a)).toEqual([1, 2]);
    expect(seen[0]?.[1]).toBeGreaterThan(900);
    expect(seen[1]?.[1]).toBeLessThanOrEqual(seen[0]?.[1] ?? 0);
  });

  it('stops after maxAttempts even before the deadline', async () => {
    let n = 0;
    const err = await waitFor(() => ++n > 1_000, {
      timeoutMs: 60_000,
      intervalMs: 1,
      maxAttempts: 4,
      describe: 'never',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(n).toBe(4);
  });

  it('backs off, doubling the delay up to maxIntervalMs', async () => {
    const at: number[] = [];
    await waitFor(() => at.push(Date.now()) === 5, {
      timeoutMs: 5_000,
      intervalMs: 20,
      maxIntervalMs: 40,
      describe: 'five attempts',
    });
    const gaps = at.slice(1).map((t, i) => t - (at[i] ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(15);
    expect(gaps[1]).toBeGreaterThanOrEqual(35);
    expect(gaps[3]).toBeLessThan(400);
  });

  it('throws at once an error retry refuses, and the caller’s error at the deadline', async () => {
    const fatal = new Error('no such task');
    let n = 0;
    const refused = await waitFor(
      () => {
        n++;
        throw fatal;
      },
      { timeoutMs: 5_000, describe: 'task', retry: () => false },
    ).catch((e: unknown) => e);
    expect(refused).toBe(fatal);
    expect(n).toBe(1);
    const own = await waitFor(() => false, {
      timeoutMs: 30,
      intervalMs: 10,
      describe: 'x',
      onTimeout: (message) => new RangeError(message),
    }).catch((e: unknown) => e);
    expect(own).toBeInstanceOf(RangeError);
    expect((own as Error).message).toBe('waiting for x');
  });
});

describe('pollFor', () => {
  it('answers the value, or undefined at the deadline', async () => {
    expect(await pollFor(() => 'here', { timeoutMs: 10, describe: 'here' })).toBe('here');
    expect(await pollFor(() => false, { timeoutMs: 30, intervalMs: 10, describe: 'never' })).toBeUndefined();
  });
});
