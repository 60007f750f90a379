import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { editDistance as distance } from '../../core/edit-distance.js';
import type { EngineFamily } from '../../core/engines/types.js';
import { usageError } from '../../core/errors.js';
import { SUITES_DIR } from '../../core/results/test-id.js';
import { SUITE_FAMILIES, suitesFor } from '../../suites/support/suites.js';

/** The engines a selection is checked against: a name and a family are all it takes. */
interface Named {
  readonly name: string;
  readonly family: EngineFamily;
}

/** A conformance test file: `*.test.ts`, but not a `*.unit.test.ts` (a unit test of the suite's tables). */
const isSuiteTest = (f: string): boolean => f.endsWith('.test.ts') && !f.endsWith('.unit.test.ts');

/** Suite folders under `<root>/suites` that hold at least one conformance test file. */
export async function existingSuites(root: string): Promise<string[]> {
  const dirs = await readdir(join(root, SUITES_DIR), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const d of dirs.filter((x) => x.isDirectory())) {
    const files = await readdir(join(root, SUITES_DIR, d.name), { recursive: true }).catch(() => []);
    if (files.some((f) => isSuiteTest(String(f)))) out.push(d.name);
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

/**
 * `--suite` names that apply to none of `engines` make an empty run: a usage error that says which suites
 * each engine has and which families the named suites are for.
 */
export function checkSuitesApply(
  engines: readonly Named[],
  existing: readonly string[],
  selected: readonly string[],
): void {
  if (selected.length === 0 || engines.length === 0) return;
  if (engines.some((e) => suitesToRun(e.family, existing, selected).length > 0)) return;
  const forWhom = selected
    .map((s) => `${s} is for ${(SUITE_FAMILIES[s] ?? []).join(', ')} engines`)
    .join('; ');
  const have = engines
    .map((e) => `${e.name} (${e.family}): ${suitesToRun(e.family, existing, []).join(', ') || 'none'}`)
    .join('; ');
  throw usageError(
    `--suite ${selected.join(' ')} selects nothing here: ${forWhom}. Suites per engine: ${have}`,
  );
}

const TAG_LIST = /tags:\s*\[([^\]]*)\]|TAGS\s*=\s*\[([^\]]*)\]/g;
const QUOTED = /'([^']+)'|"([^"]+)"/g;

/**
 * The tags written as literals in the suites' sources (a static read: tags built at run time are not
 * seen). For hints only: which tags could have been meant.
 */
export async function literalTags(root: string, suites: readonly string[]): Promise<string[]> {
  const tags = new Set<string>();
  for (const suite of suites) {
    const dir = join(root, SUITES_DIR, suite);
    const files = await readdir(dir, { recursive: true }).catch(() => []);
    for (const f of files.map(String).filter((x) => x.endsWith('.ts'))) {
      const text = await readFile(join(dir, f), 'utf8').catch(() => '');
      for (const m of text.matchAll(TAG_LIST)) {
        for (const q of (m[1] ?? m[2] ?? '').matchAll(QUOTED)) tags.add(q[1] ?? q[2] ?? '');
      }
    }
  }
  tags.delete('');
  return [...tags].sort();
}

/** Known names close to `wanted` (a substring either way, or at most a third of it edited). */
export const closest = (wanted: string, known: readonly string[]): string[] =>
  known.filter(
    (k) => k.includes(wanted) || wanted.includes(k) || distance(wanted, k) <= Math.max(1, wanted.length / 3),
  );

/** The message of a run that selected no test at all: what was asked, and what could have been meant. */
export async function nothingSelected(
  root: string,
  engines: readonly Named[],
  sel: { suites: readonly string[]; tags: readonly string[]; testNamePattern?: string | undefined },
): Promise<string> {
  const existing = await existingSuites(root);
  const suites = [...new Set(engines.flatMap((e) => suitesToRun(e.family, existing, sel.suites)))];
  const asked = [
    sel.suites.length > 0 ? `--suite ${sel.suites.join(' ')}` : '',
    sel.tags.length > 0 ? `--tag ${sel.tags.join(' ')}` : '',
    sel.testNamePattern ? `-t ${JSON.stringify(sel.testNamePattern)}` : '',
  ].filter(Boolean);
  const hints: string[] = [];
  if (sel.tags.length > 0) {
    const known = await literalTags(root, suites);
    const near = [...new Set(sel.tags.flatMap((t) => closest(t, known)))];
    hints.push(
      near.length > 0 ? `did you mean --tag ${near.join(' | ')}?` : '',
      `tags in ${suites.join(', ')}: ${known.join(', ')}`,
    );
  }
  if (sel.testNamePattern) {
    hints.push(
      "-t matches a test's id (suite/file > describe > name) or its full name, as a regular expression",
    );
  }
  hints.push('`shipshape conform --list` shows every test id with its tags');
  return `${asked.join(' ') || 'the selection'} selected no test on ${engines.map((e) => e.name).join(', ')}. ${hints.filter(Boolean).join('; ')}`;
}
