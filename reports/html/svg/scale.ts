/** A linear map from [0, max] onto a pixel range, with round tick values; `max` is a nice round number. */
export interface LinearScale {
  (value: number): number;
  readonly max: number;
  readonly ticks: readonly number[];
}

const clean = (x: number): number => Number(x.toPrecision(12));

/** The smallest 1, 2, 2.5 or 5 x 10^k at or above `x` (1 for zero, negative or non-finite input). */
export function niceStep(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return clean(m * p);
  return clean(10 * p);
}

/** Maps 0 to `from` and the rounded-up `max` to `to` (either direction: SVG y grows downwards). */
export function linearScale(max: number, from: number, to: number, tickCount = 5): LinearScale {
  const span = Number.isFinite(max) && max > 0 ? max : 1;
  const step = niceStep(span / tickCount);
  const top = clean(Math.max(step, Math.ceil(clean(span / step)) * step));
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => clean(i * step));
  const map = (value: number): number => from + ((to - from) * Math.max(0, value)) / top;
  return Object.assign(map, { max: top, ticks });
}
