import { formatValue, sig } from '../../../bench/results/format.js';
import type { BenchmarkResult } from '../../../bench/results/types.js';
import { esc } from '../svg/escape.js';
import type { BenchGroup } from './groups.js';
import { medianChart } from './median-chart.js';
import { phaseChart } from './phase-chart.js';
import { throughputChart } from './throughput-chart.js';

function row(r: BenchmarkResult, reference: number | undefined): string {
  const s = r.summary;
  const v = (x: number) => formatValue(x, r.unit);
  const ci = s.ci ? `${v(s.ci.low)} – ${v(s.ci.high)}` : 'n/a (too few samples)';
  const ratio = reference && reference > 0 ? `${sig(s.median / reference)}x` : '';
  const t = r.throughput ? `${sig(r.throughput.value)} ${r.throughput.unit}` : '';
  const errors =
    r.errors.length > 0
      ? `<span class="bad" title="${esc(r.errors.join('\n'))}">${r.errors.length}</span>`
      : '0';
  const cells = [
    esc(r.engine),
    String(s.n),
    v(s.median),
    ratio,
    ci,
    v(s.p90),
    v(s.p99),
    esc(t),
    String(r.concurrency),
    errors,
  ];
  return `<tr>${cells.map((c, i) => `<td${i === 0 ? '' : ' class="num"'}>${c}</td>`).join('')}</tr>`;
}

const HEAD = [
  'engine',
  'n',
  'median',
  'vs first',
  '95% CI of median',
  'p90',
  'p99',
  'throughput',
  'concurrency',
  'errors',
];

/** One benchmark id: engines side by side (medians, phases, throughput) and their figures as a table. */
export function groupSection(g: BenchGroup, color: (e: string) => string): string {
  const reference = g.results[0]?.summary.median;
  const table = `<table><thead><tr>${HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${g.results.map((r) => row(r, reference)).join('')}</tbody></table>`;
  const charts = [
    medianChart(g.id, g.results, color),
    phaseChart(g.id, g.results, color),
    throughputChart(g.id, g.results, color),
  ];
  return `<div class="group" id="${esc(`bench-${g.id}`)}"><h3>${esc(g.id)}</h3><div class="charts">${charts.filter(Boolean).join('')}</div>${table}</div>`;
}
