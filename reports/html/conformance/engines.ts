import type { RunResults } from '../../../core/results/types.js';

/** Engine names in report order: described engines, then any only seen in tests or errors. */
export const engineNames = (r: RunResults): string[] => [
  ...new Set([
    ...r.engines.map((e) => e.name),
    ...r.tests.map((t) => t.engine),
    ...r.errors.map((e) => e.engine),
  ]),
];

/** Suite names in first-seen order. */
export const suiteNames = (r: RunResults): string[] => [...new Set(r.tests.map((t) => t.suite))];
