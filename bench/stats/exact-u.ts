/**
 * Null distribution of the Mann-Whitney U (no ties): P(U = u) for samples of sizes m and n, where U counts
 * pairs (x from the first, y from the second) with x > y. Recurrence on the largest pooled value, in
 * probabilities (sums of positive terms, so no cancellation or overflow):
 *   p(i, j, u) = i/(i+j) * p(i-1, j, u-j) + j/(i+j) * p(i, j-1, u).
 * Cost ~ m^2 n^2 / 4 additions; callers keep m, n below 50.
 */
export function exactUDistribution(m: number, n: number): Float64Array {
  // prev[j] = distribution for (i - 1, j); start with i = 0: U is 0 with certainty.
  let prev: Float64Array[] = Array.from({ length: n + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const row: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const cur = new Float64Array(i * j + 1);
      const fromA = prev[j] as Float64Array;
      const fromB = row[j - 1] as Float64Array;
      const wa = i / (i + j);
      const wb = j / (i + j);
      for (let u = 0; u < fromA.length; u++) cur[u + j] = (cur[u + j] as number) + wa * (fromA[u] as number);
      for (let u = 0; u < fromB.length; u++) cur[u] = (cur[u] as number) + wb * (fromB[u] as number);
      row.push(cur);
    }
    prev = row;
  }
  return prev[n] as Float64Array;
}

/** Two-sided exact p-value: 2 * P(U <= min(u, mn - u)), capped at 1. */
export function exactTwoSidedP(u: number, m: number, n: number): number {
  const dist = exactUDistribution(m, n);
  const lower = Math.min(u, m * n - u);
  let tail = 0;
  for (let k = 0; k <= Math.floor(lower + 1e-9); k++) tail += dist[k] as number;
  return Math.min(1, 2 * tail);
}
