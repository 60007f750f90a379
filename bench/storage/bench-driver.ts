import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mountAll, unmount } from '../../reference-engine/storage/mount.js';
import type { StorageDriver } from '../../reference-engine/storage/types.js';
import { sample } from '../runner/sample.js';
import type { IterationContext } from '../runner/types.js';
import { type Summary, summarize } from '../stats/summary.js';

export interface DriverBenchOptions {
  /** Where driver roots are made (a btrfs mount, say); default the OS temp dir. */
  baseDir?: string;
  /** Measured samples per figure (after one warm-up). Default 5. */
  samples?: number;
  /** Layers per stack and files of `fileBytes` per layer: containerd's benchsuite uses 16 x 10 x 1 MiB. */
  layers?: number;
  files?: number;
  fileBytes?: number;
  /** Depth of the stack the deep-prepare figure prepares on. Default 64. */
  deep?: number;
}

/** Medians and spread (ms) per phase of one 16-layer stack, and of one prepare on a 64-layer stack. */
export interface DriverBenchResult {
  driver: string;
  /** Per stack: sum over its layers of each phase. */
  phases: Record<'prepare' | 'write' | 'commit', Summary>;
  deepPrepare: Summary;
  throughMount: boolean;
}

/**
 * A benchmark (not a test) of a StorageDriver in containerd's benchsuite shape: build a stack of
 * `layers` layers, each prepare → write `files` files of `fileBytes` → commit, timing the three phases
 * apart; then time `prepare` on top of a `deep`-layer stack. Writes go through the mounted snapshot when
 * root (as a container would), else straight into the layer dir. Every root is removed afterwards.
 */
export async function benchStorageDriver(
  name: string,
  factory: (root: string) => StorageDriver,
  options: DriverBenchOptions = {},
): Promise<DriverBenchResult> {
  const o = { samples: 5, layers: 16, files: 10, fileBytes: 1 << 20, deep: 64, ...options };
  const base = mkdtempSync(join(o.baseDir ?? tmpdir(), `shipshape-bench-${name}-`));
  const throughMount = process.getuid?.() === 0;
  const body = Buffer.alloc(o.fileBytes, 0x5a);
  const sampler = {
    warmup: 1,
    minSamples: o.samples,
    maxSamples: o.samples,
    timeBudgetMs: 0,
    hardLimitMs: 1_800_000,
    iterationTimeoutMs: 600_000,
    label: name,
  };
  let deepDriver: StorageDriver | undefined;
  try {
    let round = 0;
    const stacks = await sample(async (ctx) => {
      const driver = factory(join(base, `stack-${round++}`));
      let parent: string | undefined;
      for (let i = 0; i < o.layers; i++) {
        await ctx.phase('prepare', () => driver.prepare(`active-${i}`, parent));
        await writeLayer(ctx, driver, `active-${i}`, join(base, 'mnt'), throughMount, (dir) => {
          for (let f = 0; f < o.files; f++) writeFileSync(join(dir, `layer${i}-file${f}`), body);
        });
        await ctx.phase('commit', () => driver.commit(`layer-${i}`, `active-${i}`));
        parent = `layer-${i}`;
      }
      await ctx.untimed(() => removeStack(driver, 'layer-', o.layers));
    }, sampler);
    const deep = factory(join(base, 'deep'));
    deepDriver = deep;
    let top: string | undefined;
    for (let i = 0; i < o.deep; i++) {
      await deep.prepare(`d-${i}`, top);
      writeFileSync(join(await deep.layerDir(`d-${i}`), `f${i}`), String(i));
      await deep.commit(`D-${i}`, `d-${i}`);
      top = `D-${i}`;
    }
    let n = 0;
    const deepSamples = await sample(
      async (ctx) => {
        const key = `ctr-${n++}`;
        await deep.prepare(key, top);
        await ctx.untimed(() => deep.remove(key));
      },
      { ...sampler, minSamples: o.samples * 4, maxSamples: o.samples * 4 },
    );
    const phase = (p: string) => summarize(stacks.phases[p] ?? []);
    return {
      driver: name,
      phases: { prepare: phase('prepare'), write: phase('write'), commit: phase('commit') },
      deepPrepare: summarize(deepSamples.samples),
      throughMount,
    };
  } finally {
    if (deepDriver) await removeStack(deepDriver, 'D-', o.deep);
    rmSync(base, { recursive: true, force: true });
  }
}

/** Removes committed `${prefix}0..n-1`, top first (btrfs keeps committed subvolumes read-only). */
async function removeStack(driver: StorageDriver, prefix: string, n: number): Promise<void> {
  for (let i = n - 1; i >= 0; i--) await driver.remove(`${prefix}${i}`).catch(() => undefined);
}

async function writeLayer(
  ctx: IterationContext,
  driver: StorageDriver,
  key: string,
  target: string,
  throughMount: boolean,
  write: (dir: string) => void,
): Promise<void> {
  if (!throughMount) {
    const dir = await driver.layerDir(key);
    await ctx.phase('write', () => write(dir));
    return;
  }
  mkdirSync(target, { recursive: true });
  await ctx.untimed(async () => mountAll(await driver.mounts(key), target));
  try {
    await ctx.phase('write', () => write(target));
  } finally {
    await ctx.untimed(() => unmount(target));
  }
}
