import { describe, expect, it } from 'vitest';
import { compare } from '../gate/compare.js';
import { figuresOf } from './figures.js';
import { fixtureDocument } from './fixture.js';

const doc = fixtureDocument([
  {
    id: 'startup/run/c1',
    engine: 'crun',
    samples: [30, 31, 32, 33, 34, 35],
    phases: { run: [30, 31, 32, 33, 34, 35] },
  },
  {
    id: 'startup/lifecycle/c1',
    engine: 'crun',
    samples: [9, 9, 9, 9, 9, 9],
    phases: { create: [4, 4, 4, 4, 4, 4], start: [5, 5, 5, 5, 5, 5] },
  },
]);

describe('figuresOf', () => {
  it('lists totals then phases; lonePhases: false drops the phase of a one-phase benchmark', () => {
    expect(figuresOf(doc).map((f) => f.name)).toEqual([
      'startup/run/c1',
      'startup/run/c1 > run',
      'startup/lifecycle/c1',
      'startup/lifecycle/c1 > create',
      'startup/lifecycle/c1 > start',
    ]);
    expect(figuresOf(doc, { lonePhases: false }).map((f) => f.name)).toEqual([
      'startup/run/c1',
      'startup/lifecycle/c1',
      'startup/lifecycle/c1 > create',
      'startup/lifecycle/c1 > start',
    ]);
    expect(figuresOf(doc, { phases: false }).map((f) => f.name)).toEqual([
      'startup/run/c1',
      'startup/lifecycle/c1',
    ]);
  });

  it('the gate judges a one-phase benchmark once', () => {
    const names = compare(doc, doc).comparisons.map((c) => c.name);
    expect(names).not.toContain('startup/run/c1 > run');
    expect(names).toContain('startup/run/c1');
  });
});
