import { totalsByEngine } from '../../../core/results/totals.js';
import type { EngineTotals, RunResults } from '../../../core/results/types.js';
import { STATUSES, totalsBySuite } from '../../common/counts.js';
import { xAxis } from '../svg/axis.js';
import { el, esc } from '../svg/escape.js';
import { STATUS_COLORS } from '../svg/palette.js';
import { linearScale } from '../svg/scale.js';
import { legend, rect, svg, text } from '../svg/shapes.js';
import { engineNames } from './engines.js';

const ROW = 22;
const LEFT = 130;
const WIDTH = 560;

/** One bar: a segment per non-zero status, widths proportional to the counts. */
function stackedBar(label: string, t: EngineTotals, y: number, x: (v: number) => number): string {
  let at = 0;
  const segments = STATUSES.filter((s) => t[s] > 0).map((s) => {
    const seg = rect(x(at), y, x(at + t[s]) - x(at), ROW - 6, `${label}: ${t[s]} ${s}`, {
      fill: STATUS_COLORS[s],
      'data-status': s,
      'data-count': t[s],
    });
    at += t[s];
    return seg;
  });
  return (
    text(LEFT - 6, y + ROW / 2, label, { 'text-anchor': 'end', class: 'label' }) +
    el('g', { class: 'stack', 'data-label': label }, segments.join('')) +
    text(x(t.total) + 4, y + ROW / 2, String(t.total), { class: 'value' })
  );
}

/** A chart for one engine: its total, then each suite, as status-stacked horizontal bars. */
export function engineStatusChart(engine: string, r: RunResults): string {
  const mine = r.tests.filter((t) => t.engine === engine);
  const all = r.totals[engine] ?? totalsByEngine([engine], mine)[engine];
  const rows: [string, EngineTotals][] = all ? [['all', all]] : [];
  rows.push(...totalsBySuite(mine));
  const max = Math.max(1, ...rows.map(([, t]) => t.total));
  const bottom = 24 + rows.length * ROW;
  const x = linearScale(max, LEFT, WIDTH - 40);
  const bars = rows.map(([label, t], i) => stackedBar(label, t, 24 + i * ROW, x)).join('');
  const key = legend(
    STATUSES.map((s) => ({ label: s, color: STATUS_COLORS[s] })),
    LEFT,
    12,
  );
  const axis = xAxis(x, bottom, bottom - 24, (v) => String(v));
  return svg(WIDTH, bottom + 22, `Test results of ${engine} by suite`, key + axis + bars);
}

/** Every engine that ran tests, one chart each. */
export function statusChartsSection(r: RunResults): string {
  const engines = engineNames(r).filter((e) => r.tests.some((t) => t.engine === e));
  if (engines.length === 0) return '<p>No tests ran.</p>';
  const charts = engines.map((e) => `<div><h3>${esc(e)}</h3>${engineStatusChart(e, r)}</div>`);
  return `<div class="charts">${charts.join('\n')}</div>`;
}
