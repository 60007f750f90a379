export interface Ranking {
  /** Rank sum of the first sample (midranks for ties, ranks start at 1). */
  readonly rankSumA: number;
  /** Sum of t^3 - t over groups of t tied values (0 when there are no ties). */
  readonly tieTerm: number;
  readonly hasTies: boolean;
}

/** Ranks the pooled samples once: rank sum of `a`, and the tie term for the variance correction. */
export function rankPooled(a: readonly number[], b: readonly number[]): Ranking {
  const pooled = [...a.map((v) => ({ v, fromA: true })), ...b.map((v) => ({ v, fromA: false }))];
  pooled.sort((x, y) => x.v - y.v);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < pooled.length; ) {
    let j = i;
    while (j + 1 < pooled.length && pooled[j + 1]?.v === pooled[i]?.v) j++;
    const t = j - i + 1;
    const midrank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (pooled[k]?.fromA) rankSumA += midrank;
    if (t > 1) tieTerm += t ** 3 - t;
    i = j + 1;
  }
  return { rankSumA, tieTerm, hasTies: tieTerm > 0 };
}
