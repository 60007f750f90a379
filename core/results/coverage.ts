import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequirementCoverage, RunResults, TestResult } from './types.js';

/** The part of a suite's requirement table coverage needs: each statement's id and level. */
export interface RequirementRow {
  readonly id: string;
  readonly level: string;
}

/** A suite's table as its `requirements.ts` exports it: `REQUIREMENTS`, an array or a Map of rows. */
const rowsOf = (table: unknown): RequirementRow[] | undefined => {
  const rows = table instanceof Map ? [...table.values()] : table;
  if (!Array.isArray(rows)) return undefined;
  return rows.filter(
    (r): r is RequirementRow =>
      typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.level === 'string',
  );
};

/**
 * Loads `REQUIREMENTS` of every suite that has a compiled `requirements.js` next to the running code
 * (dist/suites/<suite>/); suites without a table are left out.
 */
export async function loadRequirementTables(
  distRoot: string,
  suites: Iterable<string>,
): Promise<Map<string, RequirementRow[]>> {
  const tables = new Map<string, RequirementRow[]>();
  for (const suite of suites) {
    const file = join(distRoot, 'suites', suite, 'requirements.js');
    if (!existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file).href)) as { REQUIREMENTS?: unknown };
    const rows = rowsOf(mod.REQUIREMENTS);
    if (rows && rows.length > 0) tables.set(suite, rows);
  }
  return tables;
}

/** Levels whose untested ids coverage lists: MUST (spec statements), OPERATION (API-operation tables). */
export const LISTED_LEVELS: readonly string[] = ['MUST', 'OPERATION'];

/**
 * RequirementCoverage plus `untestedByLevel`: the untested ids of each listed level other than MUST
 * that has any (MUSTs stay in `untestedMust`, so suites with MUST tables report exactly as before).
 */
export interface ListedCoverage extends RequirementCoverage {
  untestedByLevel?: Record<string, string[]>;
}

/**
 * Per engine and suite: how many statements of each level a test that ran (not skipped) names, and
 * which ids of the listed levels none does.
 */
export function requirementCoverage(
  tests: readonly TestResult[],
  tables: ReadonlyMap<string, readonly RequirementRow[]>,
): ListedCoverage[] {
  const out: ListedCoverage[] = [];
  const engines = [...new Set(tests.map((t) => t.engine))];
  for (const [suite, rows] of tables) {
    for (const engine of engines) {
      const ran = tests.filter((t) => t.engine === engine && t.suite === suite && t.status !== 'skip');
      if (!tests.some((t) => t.engine === engine && t.suite === suite)) continue;
      const tested = new Set(ran.flatMap((t) => t.requirements));
      const levels: RequirementCoverage['levels'] = {};
      for (const row of rows) {
        const level = levels[row.level] ?? { tested: 0, total: 0 };
        levels[row.level] = level;
        level.total += 1;
        if (tested.has(row.id)) level.tested += 1;
      }
      const untestedOf = (level: string) =>
        rows.filter((r) => r.level === level && !tested.has(r.id)).map((r) => r.id);
      const untestedByLevel: Record<string, string[]> = {};
      for (const level of LISTED_LEVELS.filter((l) => l !== 'MUST')) {
        const ids = untestedOf(level);
        if (ids.length > 0) untestedByLevel[level] = ids;
      }
      const entry: ListedCoverage = { suite, engine, levels, untestedMust: untestedOf('MUST') };
      out.push(Object.keys(untestedByLevel).length > 0 ? { ...entry, untestedByLevel } : entry);
    }
  }
  return out;
}

/** Adds `coverage` to results for the suites that ran and have a requirement table. */
export async function withCoverage(results: RunResults, distRoot: string): Promise<RunResults> {
  const tables = await loadRequirementTables(distRoot, new Set(results.tests.map((t) => t.suite)));
  return { ...results, coverage: requirementCoverage(results.tests, tables) };
}
