import type { SamplerOptions } from '../runner/types.js';

/**
 * `quick`: a smoke run (seconds to minutes). `standard`: the default, sized to end within about 15 minutes
 * on a 2-core host with the usual engines. `full`: the long profile (hours on such a host).
 */
export type BenchProfile = 'quick' | 'standard' | 'full';
export const BENCH_PROFILES: readonly BenchProfile[] = ['quick', 'standard', 'full'];

/** Settings every suite reads; built once per `shipshape bench` run. */
export interface SuiteSettings {
  readonly profile: BenchProfile;
  /** Measured samples per benchmark (exact: min = max), or the profile's default. */
  readonly samples?: number;
  readonly seed: number;
  /** A random tag for names of everything this run creates (containers, images, dirs). */
  readonly runId: string;
  /** Where temporary files go (corpora, bundles, target dirs). */
  readonly workDir: string;
  /** `--only`: the benchmark ids to run (all when absent); suites skip setup that no kept id needs. */
  readonly only?: (id: string) => boolean;
}

const KIND = {
  // Container starts: hundreds of ms each; more warm-up in the full profile.
  startup: {
    quick: { warmup: 2, samples: 8, budgetMs: 5_000, hardMs: 30_000 },
    standard: { warmup: 3, samples: 12, budgetMs: 15_000, hardMs: 60_000 },
    full: { warmup: 10, samples: 30, budgetMs: 60_000, hardMs: 300_000 },
  },
  // Extraction: one warm-up pass (page cache, binaries), then at least 6 (the gate's minimum).
  extraction: {
    quick: { warmup: 1, samples: 6, budgetMs: 2_000, hardMs: 20_000 },
    standard: { warmup: 1, samples: 6, budgetMs: 10_000, hardMs: 60_000 },
    full: { warmup: 1, samples: 10, budgetMs: 60_000, hardMs: 600_000 },
  },
} as const;

/**
 * Sampler options for a kind of benchmark. `--samples N` makes the count exact; with concurrency K it is
 * raised to a multiple of K (at least K), so that every round runs K operations at once.
 */
export function samplerFor(
  kind: keyof typeof KIND,
  s: Pick<SuiteSettings, 'profile' | 'samples'>,
  concurrency = 1,
): SamplerOptions {
  const k = KIND[kind][s.profile];
  const round = (x: number) => Math.max(concurrency, Math.ceil(x / concurrency) * concurrency);
  const n = round(s.samples ?? k.samples);
  // Full extraction: at least 6 (the gate's minimum), up to 10 while the time budget lasts.
  const min = s.samples === undefined && kind === 'extraction' && s.profile === 'full' ? 6 : n;
  return {
    warmup: k.warmup,
    warmupBudgetMs: k.budgetMs * 2,
    minSamples: min,
    maxSamples: n,
    timeBudgetMs: k.budgetMs,
    hardLimitMs: Math.max(k.hardMs, k.budgetMs),
    iterationTimeoutMs: s.profile === 'full' ? 600_000 : 60_000,
    concurrency,
    maxErrors: Math.max(3, Math.ceil(n / 4)),
  };
}
