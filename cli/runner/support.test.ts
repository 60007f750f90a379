import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { idGlob } from '../../core/results/test-id.js';
import { suitesFor } from '../../suites/support/suites.js';
import { progressPrinter } from './progress.js';

describe('suite table and id globs', () => {
  it('applies suites by family', () => {
    expect(suitesFor('registry')).toEqual(['basics', 'oci-distribution']);
    expect(suitesFor('runtime-cli')).toEqual([
      'basics',
      'oci-runtime',
      'runtime-cli',
      'security',
      'reliability',
    ]);
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
