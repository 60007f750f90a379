import type { SamplerOptions } from '../runner/types.js';
import type { Contender, Measure, StorageProfile, StorageSettings } from './types.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** `standard` (the default when storage is named) is the quick matrix with a warm-up and 6 samples. */
export const STORAGE_PROFILES: Record<'quick' | 'standard' | 'full', StorageProfile> = {
  quick: {
    layers: [1, 16],
    copyUpBytes: [4 * KiB, MiB, 8 * MiB],
    containers: 10,
    warmup: 1,
    samples: 3,
    diskSamples: 1,
  },
  standard: {
    layers: [1, 16],
    copyUpBytes: [4 * KiB, MiB, 8 * MiB],
    containers: 10,
    warmup: 1,
    samples: 6,
    diskSamples: 1,
  },
  full: {
    layers: [1, 16, 64],
    copyUpBytes: [4 * KiB, MiB, 64 * MiB],
    containers: 50,
    warmup: 2,
    samples: 10,
    diskSamples: 3,
  },
};

/** 4096 -> 4KiB, 1048576 -> 1MiB: the size as it appears in ids and file names. */
export function sizeLabel(bytes: number): string {
  if (bytes % MiB === 0) return `${bytes / MiB}MiB`;
  if (bytes % KiB === 0) return `${bytes / KiB}KiB`;
  return `${bytes}B`;
}

/** `storage/<contender>/<measure>[/<param>]`, e.g. storage/docker-vfs/create/l16. */
export const storageId = (c: Contender, m: Measure, param?: string): string =>
  ['storage', c, m, ...(param === undefined ? [] : [param])].join('/');

/** The param of a create figure: `l16` for 16 layers. */
export const layersParam = (layers: number): string => `l${layers}`;

/** The profile, with `--samples N` making every count (disk usage included) exact. */
export function storageProfile(s: Pick<StorageSettings, 'profile' | 'samples'>): StorageProfile {
  const p = STORAGE_PROFILES[s.profile];
  return s.samples === undefined ? p : { ...p, samples: s.samples, diskSamples: s.samples };
}

/** Exact counts, generous time limits: storage operations run seconds, not milliseconds. */
export function storageSampler(p: StorageProfile, kind: 'op' | 'disk'): SamplerOptions {
  const n = kind === 'disk' ? p.diskSamples : p.samples;
  return {
    warmup: kind === 'disk' ? 0 : p.warmup,
    warmupBudgetMs: 120_000,
    minSamples: n,
    maxSamples: n,
    timeBudgetMs: 0,
    hardLimitMs: 900_000,
    iterationTimeoutMs: 300_000,
    concurrency: 1,
    maxErrors: Math.max(2, Math.ceil(n / 4)),
  };
}
