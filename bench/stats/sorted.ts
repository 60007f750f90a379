import { ShipshapeError } from '../../core/errors.js';

/** A copy of `xs` sorted ascending; rejects empty input and non-finite values (NaN would corrupt order). */
export function sortedCopy(xs: readonly number[], what = 'samples'): number[] {
  if (xs.length === 0) throw new ShipshapeError('INVALID_INPUT', `${what}: need at least one value`);
  for (const x of xs) {
    if (!Number.isFinite(x)) throw new ShipshapeError('INVALID_INPUT', `${what}: non-finite value ${x}`);
  }
  return [...xs].sort((a, b) => a - b);
}
