import { spawn } from 'node:child_process';
import type { BenchmarkResult } from '../results/types.js';
import type { SummaryOptions } from '../stats/summary.js';
import { msSince, now } from './clock.js';
import { toBenchmarkResult } from './to-result.js';
import type { IterationFn } from './types.js';

export const HOST_CALIBRATION_ID = 'host/calibration';
export const HOST_ENGINE = 'host';
/** Spawns per calibration sample: a few ms on an idle host, small next to a container start. */
export const CALIBRATION_SPAWNS = 8;

/** Spawns `command` (default /bin/true) `count` times one after another; resolves with the wall time. */
export async function hostReferenceWorkload(
  o: { count?: number; command?: string; timeoutMs?: number } = {},
): Promise<number> {
  const count = o.count ?? CALIBRATION_SPAWNS;
  const t = now();
  for (let i = 0; i < count; i++) {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(o.command ?? '/bin/true', [], { stdio: 'ignore', timeout: o.timeoutMs ?? 10_000 });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`reference exited ${code}`))));
    });
  }
  return msSince(t);
}

/**
 * Measures a fixed host reference workload interleaved with a run's measured iterations, so that the
 * gate can tell host drift from an engine's regression. Lifecycle: `wrap()` each benchmark's iteration
 * -> the sampler runs them (after each measured iteration, one workload at a time runs off the clock)
 * -> `result()` once at the end gives the `host/calibration` figure (undefined when nothing was taken).
 */
export interface CalibrationRecorder {
  wrap(fn: IterationFn): IterationFn;
  readonly samples: readonly number[];
  readonly failures: readonly string[];
  result(stats?: SummaryOptions): BenchmarkResult | undefined;
}

export function calibrationRecorder(
  workload: () => Promise<number> = () => hostReferenceWorkload(),
  description = `spawn+exit /bin/true x${CALIBRATION_SPAWNS}`,
): CalibrationRecorder {
  const samples: number[] = [];
  const failures: string[] = [];
  let busy = false;
  return {
    samples,
    failures,
    wrap: (fn) => async (ctx) => {
      await fn(ctx);
      if (ctx.warmup || busy || ctx.signal.aborted) return;
      busy = true;
      try {
        samples.push(await ctx.untimed(workload));
      } catch (err) {
        if (failures.length < 10) failures.push(err instanceof Error ? err.message : String(err));
      } finally {
        busy = false;
      }
    },
    result(stats = {}) {
      if (samples.length === 0) return undefined;
      const elapsedMs = samples.reduce((x, y) => x + y, 0);
      const set = {
        samples: [...samples],
        phases: {},
        warmupsDone: 0,
        concurrency: 1,
        elapsedMs,
        opsPerSecond: elapsedMs > 0 ? samples.length / (elapsedMs / 1000) : 0,
        stoppedBy: 'max-samples' as const,
        errors: failures.map((message, iteration) => ({ stage: 'measure' as const, iteration, message })),
      };
      const meta = { id: HOST_CALIBRATION_ID, engine: HOST_ENGINE, parameters: { workload: description } };
      return toBenchmarkResult(meta, set, stats);
    },
  };
}
