import { totalsByEngine } from '../../../core/results/totals.js';
import type { EngineTotals, RunResults, TestResult } from '../../../core/results/types.js';
import { STATUSES } from '../../common/counts.js';
import { esc } from '../svg/escape.js';
import { engineNames, suiteNames } from './engines.js';

const counts = (t: EngineTotals | undefined): string =>
  STATUSES.map((s) => {
    const n = t?.[s] ?? 0;
    return `<span class="n ${n === 0 ? 'zero' : s}" title="${s}">${n}</span>`;
  }).join('');

/** Cell colour: red for fail/xpass, amber for xfail, green for all-pass, grey for skips only. */
const tone = (t: EngineTotals | undefined): string => {
  if (!t || t.total === 0) return '';
  if (t.fail > 0 || t.xpass > 0) return 'cell-fail';
  if (t.xfail > 0) return 'cell-warn';
  return t.pass > 0 ? 'cell-pass' : 'cell-skip';
};

const cell = (engine: string, suite: string, t: EngineTotals | undefined): string =>
  `<td class="${tone(t)}" data-engine="${esc(engine)}" data-suite="${esc(suite)}">${t ? counts(t) : '—'}</td>`;

/** The engine x suite matrix: suites as rows, engines as columns, each cell the five status counts. */
export function matrixSection(r: RunResults): string {
  const engines = engineNames(r);
  const suites = suiteNames(r);
  const of = (tests: readonly TestResult[]) => totalsByEngine([], tests);
  const bySuite = new Map(suites.map((s) => [s, of(r.tests.filter((t) => t.suite === s))]));
  const head = engines
    .map((name) => {
      const e = r.engines.find((x) => x.name === name);
      const about = e ? `<br/><small>${esc(`${e.product} ${e.version}`)}</small>` : '';
      return `<th>${esc(name)}${about}</th>`;
    })
    .join('');
  const rows = suites.map(
    (s) => `<tr><th>${esc(s)}</th>${engines.map((e) => cell(e, s, bySuite.get(s)?.[e])).join('')}</tr>`,
  );
  rows.push(`<tr><th>all</th>${engines.map((e) => cell(e, '*', r.totals[e])).join('')}</tr>`);
  const legend = STATUSES.map((s) => `<span class="n ${s}">${s}</span>`).join(' ');
  return [
    `<p>Each cell: ${legend}</p>`,
    '<table class="matrix">',
    `<thead><tr><th>suite</th>${head}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}
