import { el, esc } from './escape.js';

type Attrs = Record<string, string | number | undefined>;

/** An inline <svg> (no namespace or external reference needed inside HTML) with an accessible label. */
export const svg = (width: number, height: number, label: string, body: string): string =>
  el(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label },
    `<title>${esc(label)}</title>${body}`,
  );

/** A rectangle with a hover tooltip; negative sizes are clamped to zero. */
export const rect = (x: number, y: number, w: number, h: number, tip: string, a: Attrs = {}): string =>
  el('rect', { x, y, width: Math.max(0, w), height: Math.max(0, h), ...a }, `<title>${esc(tip)}</title>`);

export const line = (x1: number, y1: number, x2: number, y2: number, a: Attrs = {}): string =>
  el('line', { x1, y1, x2, y2, stroke: '#333', ...a });

export const text = (x: number, y: number, content: string, a: Attrs = {}): string =>
  el('text', { x, y, ...a }, esc(content));

/** A vertical interval at `x` from y `low` to y `high` with caps `cap` wide (a CI whisker). */
export const whisker = (x: number, low: number, high: number, cap: number, a: Attrs = {}): string =>
  el(
    'g',
    { class: 'whisker', ...a },
    line(x, low, x, high) +
      line(x - cap / 2, low, x + cap / 2, low) +
      line(x - cap / 2, high, x + cap / 2, high),
  );

/** A horizontal tick mark across `x` +- w/2 at y (percentile markers). */
export const marker = (x: number, y: number, w: number, a: Attrs = {}): string =>
  line(x - w / 2, y, x + w / 2, y, { 'stroke-width': 2, ...a });

/** Coloured squares with labels in a row starting at (x, y). */
export function legend(items: readonly { label: string; color: string }[], x: number, y: number): string {
  let at = x;
  const parts: string[] = [];
  for (const item of items) {
    parts.push(el('rect', { x: at, y: y - 9, width: 10, height: 10, fill: item.color }));
    parts.push(text(at + 14, y, item.label, { class: 'legend' }));
    at += 22 + item.label.length * 6;
  }
  return el('g', { class: 'legend' }, parts.join(''));
}
