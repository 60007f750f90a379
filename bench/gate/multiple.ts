import { ShipshapeError } from '../../core/errors.js';

export type Correction = 'holm' | 'bonferroni' | 'none';

/**
 * Adjusted p-values for a family of tests. Holm (1979) step-down: sort p ascending, adjusted
 * p(i) = max over j <= i of min(1, (m - j + 1) p(j)); controls the family-wise error rate like Bonferroni
 * under any dependence, but rejects at least as much. Adjusted values come back in input order.
 */
export function adjustPValues(p: readonly number[], correction: Correction = 'holm'): number[] {
  for (const v of p) {
    if (!(v >= 0 && v <= 1)) throw new ShipshapeError('INVALID_INPUT', `p-value out of [0, 1]: ${v}`);
  }
  const m = p.length;
  if (correction === 'none') return [...p];
  if (correction === 'bonferroni') return p.map((v) => Math.min(1, v * m));
  const order = p.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(m);
  let running = 0;
  for (const [rank, { v, i }] of order.entries()) {
    running = Math.max(running, Math.min(1, (m - rank) * v));
    out[i] = running;
  }
  return out;
}
