import { formatValue } from '../../../bench/results/format.js';
import type { BenchmarkResult } from '../../../bench/results/types.js';
import { yAxis } from '../svg/axis.js';
import { el } from '../svg/escape.js';
import { linearScale } from '../svg/scale.js';
import { legend, marker, rect, svg, text, whisker } from '../svg/shapes.js';

const TOP = 24;
const PLOT = 160;
const LEFT = 64;
const SLOT = 84;
const BAR = 40;
export const P90_COLOR = '#444';
export const P99_COLOR = '#d62728';

/** The y extent a result needs: its p99, CI top and median. */
const reach = (r: BenchmarkResult): number =>
  Math.max(r.summary.median, r.summary.p99, r.summary.ci?.high ?? 0);

/** One bar per engine: height = median, whisker = 95% CI of the median, ticks at p90 and p99. */
export function medianChart(
  id: string,
  results: readonly BenchmarkResult[],
  color: (e: string) => string,
): string {
  const y = linearScale(Math.max(...results.map(reach)), TOP + PLOT, TOP);
  const v = (x: number) => formatValue(x, results[0]?.unit);
  const width = LEFT + results.length * SLOT + 10;
  const bars = results.map((r, i) => {
    const s = r.summary;
    const cx = LEFT + i * SLOT + SLOT / 2;
    const tip = `${r.engine}: median ${v(s.median)}, p90 ${v(s.p90)}, p99 ${v(s.p99)}, n=${s.n}`;
    const ci = s.ci
      ? whisker(cx, y(s.ci.low), y(s.ci.high), 14, {
          'data-low': String(s.ci.low),
          'data-high': String(s.ci.high),
        })
      : '';
    return el(
      'g',
      { class: 'engine', 'data-engine': r.engine },
      rect(cx - BAR / 2, y(s.median), BAR, y(0) - y(s.median), tip, {
        class: 'median',
        fill: color(r.engine),
        'fill-opacity': 0.8,
        'data-engine': r.engine,
        'data-median': String(s.median),
      }) +
        ci +
        marker(cx, y(s.p90), BAR + 10, { stroke: P90_COLOR, class: 'p90', 'stroke-dasharray': '4 2' }) +
        marker(cx, y(s.p99), BAR + 10, { stroke: P99_COLOR, class: 'p99' }) +
        text(cx, TOP + PLOT + 14, r.engine, { 'text-anchor': 'middle', class: 'label' }) +
        text(cx, TOP + PLOT + 27, v(s.median), { 'text-anchor': 'middle', class: 'value' }),
    );
  });
  const key = legend(
    [
      { label: 'median (whisker: 95% CI)', color: '#999' },
      { label: 'p90', color: P90_COLOR },
      { label: 'p99', color: P99_COLOR },
    ],
    LEFT,
    12,
  );
  const axis = yAxis(y, LEFT, width - LEFT - 4, v);
  return svg(Math.max(width, 360), TOP + PLOT + 34, `${id}: median per engine`, key + axis + bars.join(''));
}
