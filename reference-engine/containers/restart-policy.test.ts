import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../errors.js';
import { checkRestartPolicy, decideRestart, type RestartInput, restartAtBoot } from './restart-policy.js';

const base: RestartInput = {
  policy: { Name: 'always' },
  exitCode: 1,
  manuallyStopped: false,
  restartCount: 0,
  ranMs: 5,
  previousDelayMs: 0,
};

describe('restart policy', () => {
  it('backs off 100 ms, doubling, capped at a minute', () => {
    const delays: number[] = [];
    let previous = 0;
    for (let i = 0; i < 12; i++) {
      previous = decideRestart({ ...base, previousDelayMs: previous }).delayMs;
      delays.push(previous);
    }
    expect(delays.slice(0, 5)).toEqual([100, 200, 400, 800, 1600]);
    expect(delays.at(-1)).toBe(60_000);
    expect(Math.max(...delays)).toBe(60_000);
  });

  it('starts over after 10 s of running', () => {
    expect(decideRestart({ ...base, previousDelayMs: 6400, ranMs: 9_999 }).delayMs).toBe(12_800);
    expect(decideRestart({ ...base, previousDelayMs: 6400, ranMs: 10_000 }).delayMs).toBe(100);
  });

  it.each([
    ['no', 1, false, 0, false],
    ['', 1, false, 0, false],
    ['always', 0, false, 0, true],
    ['always', 0, true, 0, true],
    ['unless-stopped', 0, false, 0, true],
    ['unless-stopped', 1, true, 0, false],
    ['on-failure', 0, false, 0, false],
    ['on-failure', 3, false, 0, true],
  ] as const)(
    '%s with exit %i (manual stop %s, count %i) restarts: %s',
    (name, exitCode, manual, count, want) => {
      const d = decideRestart({
        ...base,
        policy: { Name: name },
        exitCode,
        manuallyStopped: manual,
        restartCount: count,
      });
      expect(d.restart).toBe(want);
    },
  );

  it('on-failure:N stops after N restarts; 0 means unlimited', () => {
    const p = { Name: 'on-failure' as const, MaximumRetryCount: 2 };
    expect(decideRestart({ ...base, policy: p, restartCount: 1 }).restart).toBe(true);
    expect(decideRestart({ ...base, policy: p, restartCount: 2 }).restart).toBe(false);
    expect(decideRestart({ ...base, policy: { Name: 'on-failure' }, restartCount: 99 }).restart).toBe(true);
  });

  it('at boot, always restarts even a manually stopped container; unless-stopped does not', () => {
    const at = { exitCode: 0, restartCount: 0, manuallyStopped: true };
    expect(restartAtBoot({ ...at, policy: { Name: 'always' } })).toBe(true);
    expect(restartAtBoot({ ...at, policy: { Name: 'unless-stopped' } })).toBe(false);
    expect(restartAtBoot({ ...at, manuallyStopped: false, policy: { Name: 'unless-stopped' } })).toBe(true);
    expect(restartAtBoot({ ...at, policy: { Name: 'no' } })).toBe(false);
  });

  it('refuses bad policies', () => {
    expect(() => checkRestartPolicy({ Name: 'sometimes' as 'always' }, false)).toThrow(InvalidArgument);
    expect(() => checkRestartPolicy({ Name: 'always', MaximumRetryCount: 3 }, false)).toThrow(
      InvalidArgument,
    );
    expect(() => checkRestartPolicy({ Name: 'on-failure', MaximumRetryCount: -1 }, false)).toThrow(
      InvalidArgument,
    );
    expect(() => checkRestartPolicy({ Name: 'always' }, true)).toThrow(InvalidArgument);
    expect(() => checkRestartPolicy({ Name: 'on-failure', MaximumRetryCount: 3 }, false)).not.toThrow();
    expect(() => checkRestartPolicy(undefined, true)).not.toThrow();
  });
});
