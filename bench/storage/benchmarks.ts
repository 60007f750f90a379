import { setMaxListeners } from 'node:events';
import type { PlannedBenchmark } from '../plan/plan.js';
import type { BenchmarkDefinition } from '../runner/benchmark.js';
import { msSince, now } from '../runner/clock.js';
import type { IterationContext } from '../runner/types.js';
import { median } from '../stats/describe.js';
import { layersParam, sizeLabel, storageId, storageSampler } from './profile.js';
import type { StorageOps, StorageProfile } from './types.js';

/** Extra fields a storage figure carries beside its timings (bytes, baselines). */
export interface StorageExtras {
  /** Median of (append - empty exec) per iteration, and the empty exec's median. */
  copyUp?: { bytes: number; netMedianMs: number; baselineMedianMs: number | null };
  /** Median size of the diff a commit stored. */
  diffBytes?: number;
  /** Median growth of the store after `containers` containers were created. */
  disk?: { containers: number; bytes: number };
}

const medianOr = (xs: number[]): number => (xs.length ? median(xs) : Number.NaN);

/**
 * Containers on the copy-up image, shared by the copy-up and commit figures: iteration k of every
 * copy-up size writes into worker k (so each write is that file's first), commit k commits worker k.
 */
class WorkerPool {
  private readonly workers: string[] = [];
  constructor(private readonly ops: StorageOps) {}
  async get(k: number, signal: AbortSignal): Promise<string> {
    while (this.workers.length <= k) this.workers.push(await this.ops.startWorker(signal));
    return this.workers[k] as string;
  }
}

function planned(
  ops: StorageOps,
  id: string,
  parameters: BenchmarkDefinition['parameters'],
  p: StorageProfile,
  iteration: (ctx: IterationContext) => Promise<void>,
  extras?: () => StorageExtras,
  kind: 'op' | 'disk' = 'op',
): PlannedBenchmark {
  return {
    def: { id, engine: ops.contender, parameters: { contender: ops.contender, ...parameters }, iteration },
    sampler: storageSampler(p, kind),
    ...(extras ? { extras: () => ({ ...extras() }) } : {}),
  };
}

function createFigure(ops: StorageOps, p: StorageProfile, layers: number): PlannedBenchmark {
  return planned(ops, storageId(ops.contender, 'create', layersParam(layers)), { layers }, p, async (ctx) => {
    const h = await ctx.phase('create', () => ops.create(layers, ctx.signal));
    await ctx.untimed(() => ops.remove(h, ctx.signal));
  });
}

function copyUpFigure(ops: StorageOps, p: StorageProfile, pool: WorkerPool, bytes: number): PlannedBenchmark {
  let k = 0;
  const nets: number[] = [];
  const baselines: number[] = [];
  const id = storageId(ops.contender, 'copy-up', sizeLabel(bytes));
  const iteration = async (ctx: IterationContext) => {
    const h = await ctx.untimed(() => pool.get(k++, ctx.signal));
    let base = 0;
    if (ops.baseline) {
      const t = now();
      await ctx.untimed(() => ops.baseline?.(h, ctx.signal));
      base = msSince(t);
      ctx.record('empty-exec', base);
    }
    const t = now();
    await ctx.phase('append', () => ops.append(h, bytes, ctx.signal));
    if (!ctx.warmup) {
      nets.push(msSince(t) - base);
      if (ops.baseline) baselines.push(base);
    }
  };
  const extras = (): StorageExtras => ({
    copyUp: {
      bytes,
      netMedianMs: medianOr(nets),
      baselineMedianMs: baselines.length ? median(baselines) : null,
    },
  });
  return planned(ops, id, { bytes }, p, iteration, extras);
}

function commitFigure(ops: StorageOps, p: StorageProfile, pool: WorkerPool): PlannedBenchmark {
  let k = 0;
  const sizes: number[] = [];
  const iteration = async (ctx: IterationContext) => {
    const h = await ctx.untimed(async () => {
      const w = await pool.get(k, ctx.signal);
      // Workers beyond the copy-up figures' have no diff yet: give them the same writes.
      if (k++ >= p.warmup + p.samples) for (const b of p.copyUpBytes) await ops.append(w, b, ctx.signal);
      return w;
    });
    const size = await ctx.untimed(() => ops.diffBytes(h, ctx.signal));
    if (!ctx.warmup) sizes.push(size);
    const image = await ctx.phase('commit', () => ops.commit(h, ctx.signal));
    await ctx.untimed(() => ops.removeImage(image, ctx.signal));
  };
  return planned(ops, storageId(ops.contender, 'commit'), {}, p, iteration, () => ({
    diffBytes: medianOr(sizes),
  }));
}

function diskFigure(ops: StorageOps, p: StorageProfile, layers: number): PlannedBenchmark {
  const grown: number[] = [];
  const n = p.containers;
  const iteration = async (ctx: IterationContext) => {
    const before = await ctx.untimed(() => ops.usage());
    const made: string[] = [];
    // n sequential calls share the iteration's signal; each may leave a listener until it is collected.
    setMaxListeners(4 * n + 10, ctx.signal);
    try {
      await ctx.phase('create', async () => {
        for (let i = 0; i < n; i++) made.push(await ops.create(layers, ctx.signal));
      });
      grown.push((await ctx.untimed(() => ops.usage())) - before);
    } finally {
      await ctx.untimed(async () => {
        for (const h of made) await ops.remove(h, ctx.signal);
      });
    }
  };
  const id = storageId(ops.contender, 'disk-usage', `n${n}`);
  const extras = () => ({ disk: { containers: n, bytes: medianOr(grown) } });
  return planned(ops, id, { containers: n, layers }, p, iteration, extras, 'disk');
}

function removeFigure(ops: StorageOps, p: StorageProfile, layers: number): PlannedBenchmark {
  return planned(ops, storageId(ops.contender, 'remove'), { layers }, p, async (ctx) => {
    const h = await ctx.untimed(() => ops.create(layers, ctx.signal));
    await ctx.phase('remove', () => ops.remove(h, ctx.signal));
  });
}

/**
 * Every figure of one contender, in run order: create per layer count, copy-up per size, commit (of the
 * copy-up workers), disk usage after `containers` creates and remove (both on the deepest image).
 */
export function storageBenchmarks(ops: StorageOps, p: StorageProfile): PlannedBenchmark[] {
  const pool = new WorkerPool(ops);
  const deepest = Math.max(...p.layers);
  return [
    ...p.layers.map((l) => createFigure(ops, p, l)),
    ...p.copyUpBytes.map((b) => copyUpFigure(ops, p, pool, b)),
    commitFigure(ops, p, pool),
    diskFigure(ops, p, deepest),
    removeFigure(ops, p, deepest),
  ];
}
