import type { RunResults, TestResult, TestStatus } from '../core/results/types.js';

/** How one test's outcome moved between two runs of the same engine. */
export interface Change {
  readonly engine: string;
  readonly suite: string;
  readonly id: string;
  /** Absent: the test is new (or gone, for `to`). */
  readonly from?: TestStatus;
  readonly to?: TestStatus;
  readonly message?: string;
}

export interface Comparison {
  /** Unexpected failures now that were not before (a new test failing counts). */
  readonly newlyFailing: Change[];
  /** Unexpected failures before that pass now. */
  readonly fixed: Change[];
  /** Every other change of status, tests added and tests gone. */
  readonly changed: Change[];
  /** Engines in one run only. */
  readonly enginesOnlyIn: { readonly old: string[]; readonly new: string[] };
}

const key = (t: TestResult): string => `${t.engine}\u0000${t.id}`;
const byKey = (r: RunResults): Map<string, TestResult> => new Map(r.tests.map((t) => [key(t), t]));
const order = (a: Change, b: Change): number =>
  a.engine.localeCompare(b.engine) || a.suite.localeCompare(b.suite) || a.id.localeCompare(b.id);

/** Compares two runs test by test (engine and id); engines present in one run only are listed apart. */
export function compareRuns(old: RunResults, now: RunResults): Comparison {
  const before = byKey(old);
  const after = byKey(now);
  const oldEngines = new Set(old.engines.map((e) => e.name));
  const newEngines = new Set(now.engines.map((e) => e.name));
  const both = (engine: string) => oldEngines.has(engine) && newEngines.has(engine);
  const newlyFailing: Change[] = [];
  const fixed: Change[] = [];
  const changed: Change[] = [];
  for (const [k, t] of after) {
    if (!both(t.engine)) continue;
    const was = before.get(k);
    const c: Change = {
      engine: t.engine,
      suite: t.suite,
      id: t.id,
      ...(was ? { from: was.status } : {}),
      to: t.status,
      ...(t.message ? { message: t.message.split('\n')[0] } : {}),
    };
    if (t.status === 'fail' && was?.status !== 'fail') newlyFailing.push(c);
    else if (was?.status === 'fail' && t.status !== 'fail' && t.status !== 'skip') fixed.push(c);
    else if (!was || was.status !== t.status) changed.push(c);
  }
  for (const [k, t] of before) {
    if (both(t.engine) && !after.has(k))
      changed.push({ engine: t.engine, suite: t.suite, id: t.id, from: t.status });
  }
  return {
    newlyFailing: newlyFailing.sort(order),
    fixed: fixed.sort(order),
    changed: changed.sort(order),
    enginesOnlyIn: {
      old: [...oldEngines].filter((e) => !newEngines.has(e)),
      new: [...newEngines].filter((e) => !oldEngines.has(e)),
    },
  };
}

const arrow = (c: Change): string => `${c.from ?? '(new)'} → ${c.to ?? '(gone)'}`;
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Plain text for a terminal: one section per kind, a line per test, grouped by engine and suite. */
export function comparisonText(c: Comparison): string {
  const lines: string[] = [];
  const section = (title: string, list: readonly Change[]) => {
    lines.push(`${title}: ${list.length}`);
    let group = '';
    for (const x of list) {
      const g = `${x.engine} / ${x.suite}`;
      if (g !== group) {
        group = g;
        lines.push(`  ${g}`);
      }
      lines.push(`    ${arrow(x)}  ${x.id}${x.message && x.to === 'fail' ? `: ${x.message}` : ''}`);
    }
  };
  section('Newly failing', c.newlyFailing);
  section('Fixed', c.fixed);
  section('Changed status', c.changed);
  if (c.enginesOnlyIn.old.length > 0) lines.push(`Only in the old run: ${c.enginesOnlyIn.old.join(', ')}`);
  if (c.enginesOnlyIn.new.length > 0) lines.push(`Only in the new run: ${c.enginesOnlyIn.new.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** Markdown for a pull-request comment: a verdict line, counts, then a table per kind (engine, suite, test). */
export function comparisonMarkdown(c: Comparison): string {
  const verdict =
    c.newlyFailing.length > 0
      ? `**${c.newlyFailing.length} newly failing** (unexpected failures that were not there before)`
      : 'No new unexpected failure';
  const out = [
    '## shipshape: conformance compared',
    '',
    `${verdict}; ${c.fixed.length} fixed; ${c.changed.length} other changes of status.`,
    '',
  ];
  const table = (title: string, list: readonly Change[]) => {
    if (list.length === 0) return;
    out.push(
      `### ${title} (${list.length})`,
      '',
      '| engine | suite | test | status | message |',
      '|---|---|---|---|---|',
    );
    for (const x of list) {
      out.push(
        `| ${cell(x.engine)} | ${cell(x.suite)} | ${cell(x.id)} | ${arrow(x)} | ${cell(x.message ?? '')} |`,
      );
    }
    out.push('');
  };
  table('Newly failing', c.newlyFailing);
  table('Fixed', c.fixed);
  table('Changed status', c.changed);
  for (const [side, names] of [
    ['old', c.enginesOnlyIn.old],
    ['new', c.enginesOnlyIn.new],
  ] as const) {
    if (names.length > 0) out.push(`Engines only in the ${side} run: ${names.join(', ')}`, '');
  }
  return out.join('\n');
}
