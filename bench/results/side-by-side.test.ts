import { describe, expect, it } from 'vitest';
import { fixtureDocument } from './fixture.js';
import { toSideBySide } from './side-by-side.js';

describe('side-by-side ratios', () => {
  it('a row without the reference engine (extraction: tools) is relative to its first value, marked (ref)', () => {
    const doc = fixtureDocument([
      { id: 'startup/run/c1', engine: 'docker', samples: [300, 300, 300] },
      { id: 'startup/run/c1', engine: 'podman', samples: [600, 600, 600] },
      { id: 'extract/large-files', engine: 'gnu-tar', samples: [200, 200, 200] },
      { id: 'extract/large-files', engine: 'applier', samples: [100, 100, 100] },
    ]);
    const lines = toSideBySide(doc).trim().split('\n');
    expect(lines[0]).toBe('| Benchmark (median) | docker (reference) | podman | gnu-tar | applier |');
    expect(lines[2]).toBe('| startup/run/c1 | 300 ms | 600 ms (2x) | — | — |');
    expect(lines[3]).toBe('| extract/large-files | — | — | 200 ms (ref) | 100 ms (0.5x) |');
  });
});
