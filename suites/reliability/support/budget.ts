/**
 * How much the reliability suite does, from the environment: bounded in count and in time, whichever
 * comes first. The defaults keep a run on one engine within a few minutes on a small machine; the issue's
 * full figures are `SHIPSHAPE_CHURN_CYCLES=500 SHIPSHAPE_CHURN_SECONDS=900`.
 */
export interface Budget {
  /** Churn: at most this many create/start/stop/remove cycles ... */
  readonly churnCycles: number;
  /** ... and no longer than this. */
  readonly churnMs: number;
  /** Density: this many sleeping containers at once ... */
  readonly density: number;
  /** ... started within this time (the rest are not started). */
  readonly densityMs: number;
}

const positive = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${name} must be a positive number, got ${raw}`);
  return n;
};

export function budget(env: NodeJS.ProcessEnv = process.env): Budget {
  return {
    churnCycles: Math.floor(positive(env, 'SHIPSHAPE_CHURN_CYCLES', 500)),
    churnMs: positive(env, 'SHIPSHAPE_CHURN_SECONDS', 90) * 1000,
    density: Math.floor(positive(env, 'SHIPSHAPE_DENSITY', 100)),
    densityMs: positive(env, 'SHIPSHAPE_DENSITY_SECONDS', 150) * 1000,
  };
}

/** The median and 95th percentile of `xs` (nearest rank); NaN for none. */
export function quantiles(xs: readonly number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95) };
}
