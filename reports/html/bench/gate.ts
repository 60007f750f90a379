import type { Comparison, GateReport } from '../../../bench/gate/types.js';
import { formatPercent, formatValue, sig } from '../../../bench/results/format.js';
import { xAxis } from '../svg/axis.js';
import { el, esc } from '../svg/escape.js';
import { linearScale } from '../svg/scale.js';
import { line, svg, text } from '../svg/shapes.js';

const ORDER = ['regression', 'improvement', 'insufficient-data', 'no-change'];
const VERDICT_COLOR: Record<string, string> = { regression: '#c62828', improvement: '#2e7d32' };
const ROW = 18;
const LEFT = 260;
const PLOT = 360;

/** Each judged figure's ratio current/baseline as a dot with its CI; lines at 1 and at the threshold. */
export function ratioChart(r: GateReport): string {
  const judged = r.comparisons.filter((c) => c.ratio !== undefined);
  if (judged.length === 0) return '';
  const top = Math.max(1 + 2 * r.options.threshold, ...judged.map((c) => c.ratioCi?.high ?? c.ratio ?? 1));
  const x = linearScale(top, LEFT, LEFT + PLOT);
  const bottom = 8 + judged.length * ROW;
  const rows = judged.map((c, i) => {
    const y = 8 + i * ROW + ROW / 2;
    const color = VERDICT_COLOR[c.verdict] ?? '#555';
    const bar = c.ratioCi
      ? line(x(c.ratioCi.low), y, x(c.ratioCi.high), y, { stroke: color, class: 'ratio-ci' })
      : '';
    return (
      text(LEFT - 6, y + 4, `${c.name} [${c.engine}]`, { 'text-anchor': 'end', class: 'label' }) +
      bar +
      el(
        'circle',
        { cx: x(c.ratio ?? 1), cy: y, r: 4, fill: color, class: c.verdict },
        `<title>${esc(`${c.verdict}: ratio ${sig(c.ratio ?? Number.NaN)}`)}</title>`,
      )
    );
  });
  const limits =
    line(x(1), 4, x(1), bottom, { stroke: '#888' }) +
    line(x(1 + r.options.threshold), 4, x(1 + r.options.threshold), bottom, {
      stroke: '#c62828',
      'stroke-dasharray': '4 3',
    });
  const axis = xAxis(x, bottom, 0, (v) => `${sig(v)}x`);
  return svg(
    LEFT + PLOT + 30,
    bottom + 22,
    'Ratio current/baseline per figure with its CI',
    axis + limits + rows.join(''),
  );
}

/** Newer gates may divide ratios by a host calibration; older ones leave these fields out. */
type Judged = Comparison & { normalized?: boolean; rawRatio?: number };

const ratioText = (c: Judged): string => {
  if (c.ratio === undefined) return 'n/a';
  const raw = c.normalized && c.rawRatio !== undefined ? `; host-normalised, raw ${sig(c.rawRatio)}x` : '';
  return `${sig(c.ratio)}x (${formatPercent(c.ratio - 1)}${raw})`;
};

function row(c: Judged): string {
  const cells = [
    esc(c.name),
    esc(c.engine),
    formatValue(c.baseline.median, c.unit),
    formatValue(c.current.median, c.unit),
    ratioText(c),
    c.ratioCi ? `${sig(c.ratioCi.low)}–${sig(c.ratioCi.high)}` : 'n/a',
    c.pAdjusted === undefined ? 'n/a' : sig(c.pAdjusted),
    esc(c.verdict),
    esc(c.reason),
  ];
  return `<tr class="${esc(c.verdict)}">${cells.map((v) => `<td>${v}</td>`).join('')}</tr>`;
}

/** The gate's verdicts: a headline, the ratio chart, then every comparison (regressions first, in red). */
export function gateSection(r: GateReport | string): string {
  if (typeof r === 'string') {
    const lines = r
      .split('\n')
      .map((l) => (l.startsWith('REGRESSION') ? `<span class="bad">${esc(l)}</span>` : esc(l)));
    return `<pre class="gate">${lines.join('\n')}</pre>`;
  }
  const n = (v: string) => r.comparisons.filter((c) => c.verdict === v).length;
  const o = r.options;
  const head = `<p><span class="${n('regression') > 0 ? 'bad' : ''}">${n('regression')} regression(s)</span>, ${n('improvement')} improvement(s), ${n('no-change')} unchanged, ${n('insufficient-data')} with insufficient data; threshold ${formatPercent(o.threshold).slice(1)}, alpha ${o.alpha}, correction ${esc(o.correction)}.</p>`;
  const paired = r.paired
    ? `<p>A/B in one interleaved run: <b>${esc(r.paired.current)}</b> against <b>${esc(r.paired.baseline)}</b>, each figure paired round by round (Hodges-Lehmann ratio, Wilcoxon signed-rank).</p>`
    : r.relativeTo
      ? `<p>Relative to <b>${esc(r.relativeTo)}</b>: each run's figures as per-round ratios to it, compared between the runs (Hodges-Lehmann ratio of ratios, Mann-Whitney).</p>`
      : '';
  const sorted = [...r.comparisons].sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict));
  const header = [
    'figure',
    'engine',
    'baseline',
    'current',
    'ratio',
    'ratio 95% CI',
    `p (${esc(o.correction)})`,
    'verdict',
    'reason',
  ];
  const table = `<table class="gate"><thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${sorted.map(row).join('\n')}</tbody></table>`;
  const notes = [
    ...r.onlyInBaseline.map((f) => `Missing from current run: ${f}`),
    ...r.onlyInCurrent.map((f) => `New in current run (not judged): ${f}`),
    ...r.environmentNotes.map((f) => `Note: ${f}`),
  ];
  const list = notes.length > 0 ? `<ul>${notes.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>` : '';
  const chart = ratioChart(r);
  const caption = chart
    ? '<p class="meta">Ratio current/baseline with its 95% CI; grey line: no change; dashed red: the regression threshold.</p>'
    : '';
  return head + paired + caption + chart + table + list;
}
