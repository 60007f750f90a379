import type { Figure } from '../results/figures.js';
import { median } from '../stats/describe.js';

/** Values of one figure grouped by round: the median of each round (one value at concurrency 1). */
function byRound(f: Figure): Map<number, number> {
  const groups = new Map<number, number[]>();
  f.samples.forEach((v, i) => {
    const r = f.rounds?.[i] as number;
    const list = groups.get(r);
    if (list) list.push(v);
    else groups.set(r, [v]);
  });
  return new Map([...groups].map(([r, vs]) => [r, median(vs)]));
}

/**
 * Matches two interleaved figures round by round: the rounds both have, with each side's round median.
 * Returns a reason instead when either figure carries no usable round tags or a non-positive duration
 * (no ratio can be taken).
 */
export function pairByRound(a: Figure, b: Figure): { a: number[]; b: number[] } | string {
  for (const f of [a, b]) {
    if (!f.rounds) return `[${f.engine}] was not sampled interleaved (no rounds; run with --interleave)`;
    if (f.rounds.length !== f.samples.length)
      return `[${f.engine}] has ${f.rounds.length} round tags for ${f.samples.length} samples`;
  }
  const ra = byRound(a);
  const rb = byRound(b);
  const common = [...ra.keys()].filter((r) => rb.has(r)).sort((x, y) => x - y);
  const pairs = { a: common.map((r) => ra.get(r) as number), b: common.map((r) => rb.get(r) as number) };
  if ([...pairs.a, ...pairs.b].some((x) => !(x > 0))) return 'non-positive durations; no ratio';
  return pairs;
}
