import type { TestResult } from '../../../core/results/types.js';
import type { Requirement, RequirementLevel } from './requirement.js';

/** Tested versus total requirements of one level. */
export interface LevelCoverage {
  readonly total: number;
  readonly tested: number;
}

/** How much of a requirement table the tests name. */
export interface Coverage {
  readonly byLevel: Readonly<Record<RequirementLevel, LevelCoverage>>;
  /** Requirements no test names, in table order. */
  readonly untested: readonly Requirement[];
  /** Ids some test names that are not in the table (typos or stale ids). */
  readonly unknown: readonly string[];
}

/** Counts, per level, the requirements of `table` that appear in `testedIds`. */
export function computeCoverage(table: readonly Requirement[], testedIds: Iterable<string>): Coverage {
  const tested = new Set(testedIds);
  const known = new Set(table.map((r) => r.id));
  const byLevel: Record<RequirementLevel, { total: number; tested: number }> = {
    MUST: { total: 0, tested: 0 },
    SHOULD: { total: 0, tested: 0 },
    MAY: { total: 0, tested: 0 },
  };
  const untested: Requirement[] = [];
  for (const r of table) {
    byLevel[r.level].total += 1;
    if (tested.has(r.id)) byLevel[r.level].tested += 1;
    else untested.push(r);
  }
  const unknown = [...tested].filter((id) => !known.has(id)).sort();
  return { byLevel, untested, unknown };
}

/**
 * Requirement ids named by the tests of a run that actually executed (pass, fail, xfail, xpass):
 * feed `results.json` tests of one engine to get the coverage of that run.
 */
export function testedIdsFromResults(
  tests: readonly Pick<TestResult, 'status' | 'requirements'>[],
): Set<string> {
  const ids = new Set<string>();
  for (const t of tests) if (t.status !== 'skip') for (const id of t.requirements) ids.add(id);
  return ids;
}

/** One line per level, e.g. `MUST 61/70 (87%)`. */
export function formatCoverage(c: Coverage): string {
  return (['MUST', 'SHOULD', 'MAY'] as const)
    .map((l) => {
      const { total, tested } = c.byLevel[l];
      const pct = total === 0 ? 100 : Math.round((100 * tested) / total);
      return `${l} ${tested}/${total} (${pct}%)`;
    })
    .join(', ');
}

/** Requirement ids written as string literals (`'runtime:…'` / `'config:…'`) in source text. */
export function literalRequirementIds(source: string): string[] {
  return [...source.matchAll(/['"]((?:runtime|config):[A-Za-z0-9_.+-]+)['"]/g)].map((m) => m[1] ?? '');
}
