import type { RunResults, TestResult } from '../core/results/types.js';

/** Requirement ids of this prefix name an attack row (suites/security/requirements.ts). */
export const ATTACK_PREFIX = 'attack:';

/**
 * One engine's verdict on one attack, from the tests naming it: `blocked` when every test that ran
 * passed, `open` when one failed (or passed while listed as failing), `known` when one failed as an
 * expected, reasoned deviation (xfail), `n/a` when every test was skipped.
 */
export type AttackVerdict = 'blocked' | 'open' | 'known' | 'n/a';

export interface AttackCell {
  readonly verdict: AttackVerdict;
  /** Tests behind the cell, and the message of the first that was not a pass. */
  readonly tests: number;
  readonly note?: string;
}

export interface AttackMatrix {
  readonly engines: readonly string[];
  /** Attack ids without the prefix, in first-seen order; each with a cell per engine that ran tests. */
  readonly rows: readonly { readonly attack: string; readonly cells: Readonly<Record<string, AttackCell>> }[];
}

function cellOf(tests: readonly TestResult[]): AttackCell {
  const ran = tests.filter((t) => t.status !== 'skip');
  const firstNot = (s: TestResult['status'][]) => ran.find((t) => s.includes(t.status));
  if (ran.length === 0) return { verdict: 'n/a', tests: tests.length, note: tests[0]?.message };
  const open = firstNot(['fail', 'xpass']);
  if (open) return { verdict: 'open', tests: ran.length, note: open.message };
  const known = firstNot(['xfail']);
  if (known) return { verdict: 'known', tests: ran.length, note: known.message };
  return { verdict: 'blocked', tests: ran.length };
}

/** The attacks-blocked matrix of a run: rows of attack ids, a cell per engine; empty when none ran. */
export function attackMatrix(results: RunResults): AttackMatrix {
  const tagged = results.tests.filter((t) => t.requirements.some((r) => r.startsWith(ATTACK_PREFIX)));
  const attacks = [
    ...new Set(tagged.flatMap((t) => t.requirements.filter((r) => r.startsWith(ATTACK_PREFIX)))),
  ];
  const engines = results.engines.map((e) => e.name).filter((e) => tagged.some((t) => t.engine === e));
  const rows = attacks.map((id) => {
    const cells: Record<string, AttackCell> = {};
    for (const engine of engines) {
      const mine = tagged.filter((t) => t.engine === engine && t.requirements.includes(id));
      if (mine.length > 0) cells[engine] = cellOf(mine);
    }
    return { attack: id.slice(ATTACK_PREFIX.length), cells };
  });
  return { engines, rows };
}

/** Per engine: attacks tried (not n/a), blocked, open and known. */
export function attackCounts(m: AttackMatrix): Record<string, Record<AttackVerdict | 'tried', number>> {
  const out: Record<string, Record<AttackVerdict | 'tried', number>> = {};
  for (const engine of m.engines) {
    const c = { tried: 0, blocked: 0, open: 0, known: 0, 'n/a': 0 };
    for (const row of m.rows) {
      const cell = row.cells[engine];
      if (cell === undefined) continue;
      c[cell.verdict]++;
      if (cell.verdict !== 'n/a') c.tried++;
    }
    out[engine] = c;
  }
  return out;
}

/** How a verdict reads in a table. */
export const VERDICT_TEXT: Readonly<Record<AttackVerdict, string>> = {
  blocked: 'blocked',
  open: 'NOT BLOCKED',
  known: 'known gap',
  'n/a': '—',
};
