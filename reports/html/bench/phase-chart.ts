import { formatDuration } from '../../../bench/results/format.js';
import type { BenchmarkResult } from '../../../bench/results/types.js';
import { yAxis } from '../svg/axis.js';
import { el } from '../svg/escape.js';
import { linearScale } from '../svg/scale.js';
import { legend, rect, svg, text, whisker } from '../svg/shapes.js';

const TOP = 24;
const PLOT = 140;
const LEFT = 64;
const BAR = 18;

/** Phases on the x axis, a bar per engine in each (median, with its CI whisker); '' without phases. */
export function phaseChart(
  id: string,
  results: readonly BenchmarkResult[],
  color: (e: string) => string,
): string {
  const phases = [...new Set(results.flatMap((r) => r.phases.map((p) => p.name)))];
  if (phases.length < 2) return '';
  const all = results.flatMap((r) =>
    r.phases.map((p) => Math.max(p.summary.median, p.summary.ci?.high ?? 0)),
  );
  const y = linearScale(Math.max(...all), TOP + PLOT, TOP);
  const slot = results.length * BAR + 24;
  const width = LEFT + phases.length * slot + 10;
  const groups = phases.map((name, i) => {
    const x0 = LEFT + i * slot + 12;
    const bars = results.map((r, j) => {
      const p = r.phases.find((q) => q.name === name);
      if (!p) return '';
      const s = p.summary;
      const x = x0 + j * BAR;
      const tip = `${name} on ${r.engine}: median ${formatDuration(s.median)}, n=${s.n}`;
      return (
        rect(x + 1, y(s.median), BAR - 2, y(0) - y(s.median), tip, {
          class: 'phase',
          fill: color(r.engine),
          'data-engine': r.engine,
          'data-phase': name,
          'data-median': String(s.median),
        }) + (s.ci ? whisker(x + BAR / 2, y(s.ci.low), y(s.ci.high), 8) : '')
      );
    });
    const label = text(x0 + (results.length * BAR) / 2, TOP + PLOT + 14, name, {
      'text-anchor': 'middle',
      class: 'label',
    });
    return el('g', { class: 'phase-group', 'data-phase': name }, bars.join('') + label);
  });
  const key = legend(
    results.map((r) => ({ label: r.engine, color: color(r.engine) })),
    LEFT,
    12,
  );
  const axis = yAxis(y, LEFT, width - LEFT - 4, formatDuration);
  return svg(
    Math.max(width, 300),
    TOP + PLOT + 22,
    `${id}: phase medians per engine`,
    key + axis + groups.join(''),
  );
}
