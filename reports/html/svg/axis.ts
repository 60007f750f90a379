import { el } from './escape.js';
import type { LinearScale } from './scale.js';
import { line, text } from './shapes.js';

/** A vertical value axis at `x` with grid lines `width` long and labels left of it. */
export function yAxis(scale: LinearScale, x: number, width: number, format: (v: number) => string): string {
  const parts = scale.ticks.map((t) => {
    const y = scale(t);
    return (
      line(x, y, x + width, y, { stroke: '#ddd' }) +
      text(x - 4, y + 4, format(t), { 'text-anchor': 'end', class: 'tick' })
    );
  });
  parts.push(line(x, scale(0), x, scale(scale.max)));
  return el('g', { class: 'axis' }, parts.join(''));
}

/** A horizontal value axis at `y` with grid lines `height` tall above it and labels below. */
export function xAxis(scale: LinearScale, y: number, height: number, format: (v: number) => string): string {
  const parts = scale.ticks.map((t) => {
    const x = scale(t);
    return (
      line(x, y, x, y - height, { stroke: '#ddd' }) +
      text(x, y + 14, format(t), { 'text-anchor': 'middle', class: 'tick' })
    );
  });
  parts.push(line(scale(0), y, scale(scale.max), y));
  return el('g', { class: 'axis' }, parts.join(''));
}
