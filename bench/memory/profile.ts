import type { BenchProfile } from '../plan/profile.js';
import { memoryId } from './figures.js';

/** How one memory run reads: containers to hold running, settle time, readings and their spacing. */
export interface MemoryProfile {
  readonly containers: number;
  /** Quiet time before each set of readings (after the image load; after the last container started). */
  readonly settleMs: number;
  /** Readings of the daemon's RSS per set (at least 6, for a CI). */
  readonly samples: number;
  readonly intervalMs: number;
}

export const MEMORY_PROFILES: Record<BenchProfile, MemoryProfile> = {
  quick: { containers: 10, settleMs: 3_000, samples: 8, intervalMs: 250 },
  standard: { containers: 20, settleMs: 5_000, samples: 12, intervalMs: 250 },
  full: { containers: 100, settleMs: 10_000, samples: 30, intervalMs: 500 },
};

/** The ids one container engine's memory run yields (see figures.ts), in run order. */
export const memoryIds = (p: MemoryProfile): string[] => [
  memoryId.idle,
  memoryId.loaded(p.containers),
  memoryId.growth(p.containers),
  memoryId.shim(p.containers),
];

/**
 * A guess of one engine's memory run (ms): image load, two settles and reading sets, N starts and removals
 * (about 22 s per engine measured here with the standard profile).
 */
export const memoryRunMs = (p: MemoryProfile): number =>
  3_000 + 2 * (p.settleMs + p.samples * p.intervalMs) + p.containers * 250;

/** The profile, with `--samples N` (readings) and `--containers N` (running containers) when given. */
export function memoryProfile(
  profile: BenchProfile,
  o: { samples?: number | undefined; containers?: number | undefined } = {},
): MemoryProfile {
  const base = MEMORY_PROFILES[profile];
  return {
    ...base,
    ...(o.samples === undefined ? {} : { samples: o.samples }),
    ...(o.containers === undefined ? {} : { containers: o.containers }),
  };
}
