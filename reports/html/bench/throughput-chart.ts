import { sig } from '../../../bench/results/format.js';
import type { BenchmarkResult } from '../../../bench/results/types.js';
import { linearScale } from '../svg/scale.js';
import { rect, svg, text } from '../svg/shapes.js';

const ROW = 20;
const LEFT = 90;
const BAR = 220;

/** Horizontal bars of each engine's throughput (larger is better); '' when no result has one. */
export function throughputChart(
  id: string,
  results: readonly BenchmarkResult[],
  color: (e: string) => string,
): string {
  const rated = results.filter((r) => r.throughput !== undefined);
  if (rated.length === 0) return '';
  const x = linearScale(Math.max(...rated.map((r) => r.throughput?.value ?? 0)), LEFT, LEFT + BAR);
  const rows = rated.map((r, i) => {
    const t = r.throughput ?? { unit: '', value: 0 };
    const y = 20 + i * ROW;
    const label = `${sig(t.value)} ${t.unit}`;
    return (
      text(LEFT - 6, y + 11, r.engine, { 'text-anchor': 'end', class: 'label' }) +
      rect(LEFT, y, x(t.value) - LEFT, ROW - 6, `${r.engine}: ${label}`, {
        class: 'throughput',
        fill: color(r.engine),
        'data-engine': r.engine,
        'data-value': String(t.value),
      }) +
      text(x(t.value) + 4, y + 11, label, { class: 'value' })
    );
  });
  const caption = text(LEFT, 12, 'throughput (larger is better)', { class: 'label' });
  return svg(
    LEFT + BAR + 130,
    24 + rated.length * ROW,
    `${id}: throughput per engine`,
    caption + rows.join(''),
  );
}
