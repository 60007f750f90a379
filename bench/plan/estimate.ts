import type { SamplerOptions } from '../runner/types.js';
import type { BenchGroup, PlannedId } from './plan.js';

/** A planned id from its sampler settings: warm-up + the most samples, bounded by the sampler's limits. */
export function plannedId(
  id: string,
  engine: string,
  sampler: SamplerOptions,
  iterationMs: number,
): PlannedId {
  const warmup = sampler.warmup ?? 10;
  const samples = sampler.maxSamples ?? 100;
  const k = sampler.concurrency ?? 1;
  // Rounds of K at once; on two cores K operations overlap at most about twofold.
  const perOp = iterationMs / Math.min(k, 2);
  const hard = sampler.hardLimitMs ?? Math.max((sampler.timeBudgetMs ?? 30_000) * 4, 1000);
  return {
    id,
    engine,
    iterations: warmup + samples,
    iterationMs: perOp,
    capMs: (sampler.warmupBudgetMs ?? 10_000) + hard,
  };
}

/** Guessed wall time of one planned benchmark: its iterations at their cost, within its sampler's bound. */
export const idMs = (p: PlannedId): number => Math.min(p.iterations * p.iterationMs, p.capMs ?? Infinity);

export interface RunEstimate {
  readonly ms: number;
  /** Distinct benchmark ids (figures before phases) and engines (contenders) they run on. */
  readonly figures: number;
  readonly engines: number;
  /** Minutes per suite or group label, largest first (what to cut). */
  readonly parts: readonly { readonly label: string; readonly ms: number }[];
}

/** Sums groups (their setup plus every selected id) and extra parts (the memory suite) into one estimate. */
export function estimateRun(
  groups: readonly BenchGroup[],
  keep: (id: string) => boolean,
  extra: readonly { label: string; ms: number; ids: readonly PlannedId[] }[] = [],
): RunEstimate {
  const parts: { label: string; ms: number }[] = [];
  const ids: PlannedId[] = [];
  for (const g of groups) {
    const mine = g.ids.filter((p) => keep(p.id));
    if (mine.length === 0) continue;
    ids.push(...mine);
    parts.push({ label: g.label, ms: g.setupMs + mine.reduce((a, p) => a + idMs(p), 0) });
  }
  for (const e of extra) {
    const mine = e.ids.filter((p) => keep(p.id));
    if (mine.length === 0) continue;
    ids.push(...mine);
    parts.push({ label: e.label, ms: e.ms });
  }
  return {
    ms: parts.reduce((a, p) => a + p.ms, 0),
    figures: new Set(ids.map((p) => p.id)).size,
    engines: new Set(ids.map((p) => p.engine)).size,
    parts: parts.sort((a, b) => b.ms - a.ms),
  };
}

/** `about 12 min: 40 figures x 7 engines; use --quick or --only to cut it`. */
export function estimateLine(e: RunEstimate, profile?: string): string {
  const min = e.ms / 60_000;
  const about = min < 1 ? 'under a minute' : `about ${min < 10 ? min.toFixed(1) : Math.round(min)} min`;
  const top = e.parts
    .slice(0, 3)
    .map((p) => `${p.label} ${(p.ms / 60_000).toFixed(1)} min`)
    .join(', ');
  const cut = profile === 'quick' ? '--only' : '--quick or --only';
  return `${about}: ${e.figures} figures x ${e.engines} engines (most: ${top}); use ${cut} to cut it`;
}
