import { type FixtureFigure, fixtureDocument } from '../results/fixture.js';
import type { BenchDocument } from '../results/types.js';
import { HOST_CALIBRATION_ID, HOST_ENGINE } from '../runner/calibration.js';
import type { Prng } from '../stats/prng.js';
import { logNormalSample } from '../stats/testing.js';

/** Test support: a startup-like run whose phase medians resemble docker on a loaded 2-core host. */
export interface SyntheticRun {
  readonly n?: number;
  /** Log-normal spread of each sample. Default 0.15. */
  readonly sigma?: number;
  /** Multiplies every time in the run, calibration included: the host's state during this run. */
  readonly hostDrift?: number;
  /** Multiplies the `start` phase (and the total by the same amount of ms): a real regression. */
  readonly startSlower?: number;
  /** Adds a host/calibration figure (spread `calibrationSigma`, default 0.1). */
  readonly calibration?: boolean;
  readonly calibrationSigma?: number;
}

export const PHASE_MEDIANS = { create: 90, start: 300, wait: 130, delete: 50 } as const;

export function syntheticRun(rng: Prng, o: SyntheticRun = {}): BenchDocument {
  const n = o.n ?? 12;
  const sigma = o.sigma ?? 0.15;
  const drift = o.hostDrift ?? 1;
  const phases: Record<string, number[]> = {};
  for (const [name, med] of Object.entries(PHASE_MEDIANS)) {
    const scale = name === 'start' ? (o.startSlower ?? 1) : 1;
    phases[name] = logNormalSample(rng, n, med * scale * drift, sigma);
  }
  const total = Array.from({ length: n }, (_, i) =>
    Object.values(phases).reduce((sum, xs) => sum + (xs[i] as number), 0),
  );
  const figures: FixtureFigure[] = [{ id: 'startup/lifecycle/c1', engine: 'docker', samples: total, phases }];
  if (o.calibration)
    figures.push({
      id: HOST_CALIBRATION_ID,
      engine: HOST_ENGINE,
      samples: logNormalSample(rng, n, 30 * drift, o.calibrationSigma ?? 0.1),
    });
  return fixtureDocument(figures);
}

/** Uniform in [1 - spread, 1 + spread]. */
export const driftFactor = (rng: Prng, spread: number): number => 1 + spread * (2 * rng() - 1);

export interface SyntheticAbRun {
  readonly n?: number;
  readonly sigma?: number;
  /** Per-round host factor: a random walk in log space with this step, shared by both engines. */
  readonly walkStep?: number;
  /** Milliseconds added to B's `start` phase (a delaying proxy). */
  readonly startDelayMs?: number;
  /** Multiplies every time of the run, both engines: the host's state during this run. */
  readonly hostDrift?: number;
}

/** Test support: one interleaved run of engines `a` and `b` (identical unless `startDelayMs`). */
export function syntheticAbRun(rng: Prng, o: SyntheticAbRun = {}): BenchDocument {
  const n = o.n ?? 12;
  const sigma = o.sigma ?? 0.15;
  let log = Math.log(o.hostDrift ?? 1);
  const host = Array.from({ length: n }, () => {
    log += (o.walkStep ?? 0) * (2 * rng() - 1);
    return Math.exp(log);
  });
  const engine = (name: string, delay: number): FixtureFigure => {
    const phases: Record<string, number[]> = {};
    for (const [phase, med] of Object.entries(PHASE_MEDIANS)) {
      const noise = logNormalSample(rng, n, med, sigma);
      phases[phase] = noise.map((x, i) => x * (host[i] as number) + (phase === 'start' ? delay : 0));
    }
    const total = host.map((_, i) => Object.values(phases).reduce((sum, xs) => sum + (xs[i] as number), 0));
    const rounds = host.map((_, i) => i);
    return { id: 'startup/lifecycle/c1', engine: name, samples: total, phases, rounds };
  };
  return fixtureDocument([engine('a', 0), engine('b', o.startDelayMs ?? 0)]);
}
