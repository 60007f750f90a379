import { describe, expect, it } from 'vitest';
import { fixtureDocument } from '../results/fixture.js';
import { problemLines } from './run-bench.js';

describe('problemLines', () => {
  it('lists skips, then benchmarks that could not run, naming benchmark and engine', () => {
    const document = {
      ...fixtureDocument([]),
      errors: [{ benchmark: 'startup', engine: 'podman', message: 'socket gone' }, { message: 'no zstd' }],
    };
    expect(problemLines({ document, skipped: ['storage on docker: not root'] })).toEqual([
      'skipped storage on docker: not root',
      'could not run startup on podman: socket gone',
      'could not run : no zstd',
    ]);
  });
});
