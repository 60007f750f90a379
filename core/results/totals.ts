import type { EngineTotals, TestResult } from './types.js';

const zero = (): EngineTotals => ({ pass: 0, fail: 0, skip: 0, xfail: 0, xpass: 0, total: 0 });

/** Counts results per engine; every engine in `engines` gets an entry, even with no tests. */
export function totalsByEngine(
  engines: readonly string[],
  tests: readonly TestResult[],
): Record<string, EngineTotals> {
  const out: Record<string, EngineTotals> = {};
  for (const name of engines) out[name] = zero();
  for (const t of tests) {
    out[t.engine] ??= zero();
    const row = out[t.engine] as EngineTotals;
    row[t.status] += 1;
    row.total += 1;
  }
  return out;
}
