import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../../core/errors.js';
import { idGlob } from '../../core/results/test-id.js';
import { waitFor } from '../../core/wait-for.js';
import { suitesFor } from '../../suites/support/suites.js';
import { progressPrinter } from './progress.js';

describe('waitFor (suites/support)', () => {
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
});

describe('suite table and id globs', () => {
  it('applies suites by family', () => {
    expect(suitesFor('registry')).toEqual(['basics', 'oci-distribution']);
    expect(suitesFor('runtime-cli')).toEqual(['basics', 'oci-runtime']);
  });
  it('matches whole ids with * and ?, other characters literally', () => {
    expect(idGlob('basics/*.test.ts > ping > ?ok').test('basics/a/b.test.ts > ping > Xok')).toBe(true);
    expect(idGlob('basics/a.test.ts > (x)').test('basics/a.test.ts > (x)')).toBe(true);
    expect(idGlob('basics/a').test('basics/ab')).toBe(false);
  });
});

describe('progressPrinter', () => {
  const state = { engine: 'docker', file: 'basics/a.test.ts', done: 2, total: 5, failed: 1 };
  const read = (s: PassThrough) => String(s.read() ?? '');
  it('prints plain lines per file when not a TTY or under CI', () => {
    const s = new PassThrough();
    const p = progressPrinter(Object.assign(s, { isTTY: true }), { CI: 'true' });
    p.update(state);
    p.fileDone(state);
    expect(read(s)).toBe('[docker] basics/a.test.ts  2/5 tests, 1 failed\n');
  });
  it('redraws one line on a TTY', () => {
    const s = new PassThrough();
    const p = progressPrinter(Object.assign(s, { isTTY: true, columns: 80 }), {});
    p.update(state);
    p.end(state);
    expect(read(s)).toBe(
      '\r\x1b[2K[docker] basics/a.test.ts  2/5 tests, 1 failed\r\x1b[2K[docker] done  2/5 tests, 1 failed\n',
    );
  });
});
