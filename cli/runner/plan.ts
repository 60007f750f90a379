import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineFamily } from '../../core/engines/types.js';
import { usageError } from '../../core/errors.js';
import { SUITES_DIR } from '../../core/results/test-id.js';
import { SUITE_FAMILIES, suitesFor } from '../../suites/support/suites.js';

/** Suite folders under `<root>/suites` that hold at least one *.test.ts file. */
export async function existingSuites(root: string): Promise<string[]> {
  const dirs = await readdir(join(root, SUITES_DIR), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const d of dirs.filter((x) => x.isDirectory())) {
    const files = await readdir(join(root, SUITES_DIR, d.name), { recursive: true }).catch(() => []);
    if (files.some((f) => String(f).endsWith('.test.ts'))) out.push(d.name);
  }
  return out;
}

/** Checks `--suite` names against the suite table. */
export function checkSuiteNames(names: readonly string[]): void {
  const unknown = names.filter((n) => !(n in SUITE_FAMILIES));
  if (unknown.length > 0) {
    throw usageError(
      `unknown suite ${unknown.join(', ')} (known: ${Object.keys(SUITE_FAMILIES).join(', ')})`,
    );
  }
}

/** Suites to run on an engine of `family`: applicable, existing, and selected (all when none selected). */
export function suitesToRun(
  family: EngineFamily,
  existing: readonly string[],
  selected: readonly string[],
): string[] {
  return suitesFor(family).filter(
    (s) => existing.includes(s) && (selected.length === 0 || selected.includes(s)),
  );
}
