import type { Comparison, Difference } from './compare.js';
import type { DiffEngine, DiffReport } from './report.js';
import { DIFF_KINDS, type Side } from './side.js';

/** Rows of differences shown per candidate; the rest are in diff.json. */
export const MAX_ROWS = 300;

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string): string => (s === '' ? '(whole body)' : `\`${s.replace(/`/g, "'")}\``);

/** `string "abc"`, `object`, `—` when absent; long values cut to 60 characters. */
export function showSide(side: Side | undefined): string {
  if (!side) return '—';
  if (!('value' in side) || side.type === 'object' || side.type === 'array') {
    const json = 'value' in side ? JSON.stringify(side.value) : '';
    return json && json.length <= 60 ? `${side.type} \`${json}\`` : side.type;
  }
  const json = JSON.stringify(side.value);
  return `${side.type} \`${json.length > 60 ? `${json.slice(0, 57)}...` : json}\``;
}

const describe = (e: DiffEngine | undefined): string =>
  e ? `${e.product} ${e.version}${e.apiVersion ? `, API ${e.apiVersion}` : ''}` : 'unknown';

function where(d: Difference): string {
  const at = code(d.pointer);
  const key = d.key ? ` [${d.key}]` : '';
  return d.candidatePointer !== undefined
    ? `${at}${key} (candidate ${code(d.candidatePointer)})`
    : `${at}${key}`;
}

/** Value-changed arrays show what only each side holds: `only here: "HOME=/root"`. */
function sides(d: Difference): [string, string] {
  const [r, c] = [d.reference?.value, d.candidate?.value];
  if (d.kind !== 'value-change' || !Array.isArray(r) || !Array.isArray(c))
    return [showSide(d.reference), showSide(d.candidate)];
  const json = (v: unknown) => JSON.stringify(v);
  const only = (a: unknown[], b: unknown[]) => {
    const rest = a.filter((x) => !b.some((y) => json(y) === json(x))).map(json);
    if (rest.length === 0) return a.length === b.length ? 'same items, other order' : 'nothing else';
    const text = rest.join(', ');
    return `only here: \`${text.length > 120 ? `${text.slice(0, 117)}...` : text}\``;
  };
  return [only(r, c), only(c, r)];
}

function comparisonSection(c: Comparison, engines: readonly DiffEngine[]): string[] {
  const cand = engines.find((e) => e.name === c.candidate);
  const out = [`## ${cell(c.candidate)} (${cell(describe(cand))}) vs ${cell(c.reference)}`, ''];
  out.push(
    `| scenario | steps | ${DIFF_KINDS.join(' | ')} | total |`,
    `|---|---:|${DIFF_KINDS.map(() => '---:|').join('')}---:|`,
  );
  for (const s of c.scenarios) {
    out.push(
      `| ${cell(s.name)} | ${s.steps.length} | ${DIFF_KINDS.map((k) => s.counts[k]).join(' | ')} | ${s.counts.total} |`,
    );
  }
  out.push(
    `| **all** | | ${DIFF_KINDS.map((k) => `**${c.counts[k]}**`).join(' | ')} | **${c.counts.total}** |`,
    '',
  );
  let shown = 0;
  for (const s of c.scenarios) {
    const mine = c.differences.filter((d) => d.scenario === s.name);
    if (mine.length === 0 || shown >= MAX_ROWS) continue;
    out.push(
      `### ${cell(s.name)}`,
      '',
      `| step | pointer | kind | ${cell(c.reference)} | ${cell(c.candidate)} |`,
      '|---|---|---|---|---|',
    );
    for (const d of mine.slice(0, MAX_ROWS - shown)) {
      const note = d.note ? ` (${cell(d.note)})` : '';
      const [ref, cand] = sides(d);
      out.push(`| ${cell(d.step)} | ${cell(where(d))} | ${d.kind} | ${cell(ref)} | ${cell(cand)}${note} |`);
    }
    shown += Math.min(mine.length, MAX_ROWS - shown);
    out.push('');
  }
  if (shown < c.differences.length)
    out.push(`${c.differences.length - shown} more differences are in diff.json.`, '');
  if (c.notes.length > 0) out.push('Notes:', '', ...c.notes.map((n) => `- ${cell(n)}`), '');
  return out;
}

/** diff.md: per candidate a count table (one row per scenario), then its differences grouped by scenario. */
export function diffMarkdown(report: DiffReport): string {
  const ref = report.engines.find((e) => e.role === 'reference');
  const out = ['# shipshape differential report', ''];
  out.push(
    `Reference: **${cell(ref?.name ?? '?')}** (${cell(describe(ref))}). The same ${report.scenarios.length} scenarios ran on each engine; ids, times, sizes and paths compare by JSON type, the fields each step names compare by value. This is a report: it does not change the exit status.`,
    '',
  );
  if (report.comparisons.length === 0) out.push('No other Docker-API engine was compared.', '');
  for (const c of report.comparisons) out.push(...comparisonSection(c, report.engines));
  return out.join('\n');
}
