import { totalsByEngine } from '../../core/results/totals.js';
import type { EngineTotals, TestResult } from '../../core/results/types.js';
import { ANSI } from './xml.js';

export const STATUSES = ['pass', 'fail', 'skip', 'xfail', 'xpass'] as const;

/** Totals per suite for one engine's tests, suites in first-seen order. */
export function totalsBySuite(tests: readonly TestResult[]): [string, EngineTotals][] {
  const bySuite = tests.map((t) => ({ ...t, engine: t.suite }));
  return Object.entries(totalsByEngine([], bySuite));
}

/** One line of a message, trimmed to `max` characters. */
export const oneLine = (text: string | undefined, max = 200): string => {
  const line = (text ?? '').replace(ANSI, '').split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};
