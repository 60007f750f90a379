import { ShipshapeError } from '../../core/errors.js';
import type { SamplerOptions } from './types.js';

export type ResolvedOptions = Required<Omit<SamplerOptions, 'onProgress' | 'signal'>> &
  Pick<SamplerOptions, 'onProgress' | 'signal'>;

function check(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ShipshapeError('INVALID_INPUT', `sampler: ${name} must be in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/** Fills defaults and rejects settings that could make a loop unbounded. */
export function resolveOptions(o: SamplerOptions = {}): ResolvedOptions {
  const maxSamples = check('maxSamples', o.maxSamples ?? 100, 1, 1_000_000);
  const minSamples = check('minSamples', o.minSamples ?? Math.min(10, maxSamples), 1, maxSamples);
  const timeBudgetMs = check('timeBudgetMs', o.timeBudgetMs ?? 30_000, 0, 86_400_000);
  return {
    warmup: check('warmup', o.warmup ?? 10, 0, 100_000),
    warmupBudgetMs: check('warmupBudgetMs', o.warmupBudgetMs ?? 10_000, 0, 86_400_000),
    minSamples,
    maxSamples,
    timeBudgetMs,
    hardLimitMs: check(
      'hardLimitMs',
      o.hardLimitMs ?? Math.max(timeBudgetMs * 4, 1000),
      timeBudgetMs,
      86_400_000,
    ),
    iterationTimeoutMs: check('iterationTimeoutMs', o.iterationTimeoutMs ?? 60_000, 1, 86_400_000),
    concurrency: check('concurrency', o.concurrency ?? 1, 1, 64),
    maxErrors: check('maxErrors', o.maxErrors ?? 3, 1, 1_000_000),
    label: o.label ?? 'benchmark',
    onProgress: o.onProgress,
    signal: o.signal,
  };
}
