import { idGlob } from '../test-id.js';
import type { TestResult } from '../types.js';
import type { Expectation, SkipRule } from './types.js';

const matcher = (e: Expectation): ((id: string) => boolean) => {
  if (e.id !== undefined) return (id) => id === e.id;
  const re = idGlob(e.match ?? '');
  return (id) => re.test(id);
};

/** Skip rules for the runner (entries with `status: skip`). */
export const skipRulesOf = (list: readonly Expectation[]): SkipRule[] =>
  list.filter((e) => e.status === 'skip').map((e) => ({ match: e.id ?? e.match ?? '', reason: e.reason }));

/**
 * Maps raw results through an engine's expectations (first matching entry wins): a listed failure
 * becomes xfail, a listed `fail` test that passes becomes xpass; the entry's reason is the message.
 */
export function applyExpectations(tests: readonly TestResult[], list: readonly Expectation[]): TestResult[] {
  const rules = list.map((e) => ({ e, test: matcher(e) }));
  return tests.map((t) => {
    const rule = rules.find((r) => r.test(t.id))?.e;
    if (!rule) return t;
    if (t.status === 'fail') return { ...t, status: 'xfail', message: rule.reason };
    if (t.status === 'pass' && rule.status === 'fail') return { ...t, status: 'xpass', message: rule.reason };
    return t;
  });
}
