import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildBundle, withArgs, withReadonlyRoot } from '../../core/engines/runtime-cli/bundle.js';
import { runBounded } from '../../core/engines/runtime-cli/exec.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { EngineError } from '../../core/errors.js';
import { probePath } from '../../fixtures/images/index.js';
import { plannedId } from '../plan/estimate.js';
import type { BenchGroup, PlannedBenchmark } from '../plan/plan.js';
import { samplerFor } from '../plan/profile.js';
import type { IterationContext } from '../runner/types.js';
import { startupId } from './ids.js';
import { runtimeCliDriver } from './runtime-cli.js';
import type { StartupDriver, StartupSettings } from './types.js';

type ShiprunLibrary = typeof import('../../reference-engine/runtime/index.js');

/** True for a runtime CLI that is shiprun (its `--version` banner says so). */
export const isShiprun = (e: EngineDescription): boolean =>
  e.family === 'runtime-cli' && (e.product === 'shiprun' || e.name === 'shiprun');

/** `startup/inprocess/cK`: the shiprun library called in this process, no Node start per operation. */
export const inProcessId = (concurrency: number): string => `startup/inprocess/c${concurrency}`;
/** `startup/node-start`: `node -e 0`, the floor under any CLI written for Node (shiprun's). */
export const NODE_START_ID = 'startup/node-start';

/** What a Node CLI that hands `run` to another runtime does: start Node, spawn it, pass its status on. */
const DELEGATE =
  "const [c,...a]=process.argv.slice(1);const r=require('node:child_process').spawnSync(c,a,{stdio:'inherit'});process.exitCode=r.status??1";

/** At concurrency 1, sampled in the rounds of `startup/run/c1` when interleaved: one run, one host. */
const planned = (
  def: PlannedBenchmark['def'],
  s: StartupSettings,
  k: number,
  opsUnit: string,
): PlannedBenchmark => ({
  def,
  sampler: samplerFor('startup', s, k),
  opsUnit,
  ...(k === 1 ? { interleaveKey: startupId('run', s, 1) } : {}),
});

/**
 * shiprun in process on the bundle the runtime-CLI driver uses (static probe, read-only root,
 * `exit 0`): create, start, wait for exit, delete, each a phase, at every concurrency level.
 */
export function shiprunInProcessGroup(engine: EngineDescription, s: StartupSettings): BenchGroup {
  let lib: ShiprunLibrary | undefined;
  let dir = '';
  let seq = 0;
  const made = new Set<string>();
  const root = () => join(dir, 'state');
  const iterate = async (ctx: IterationContext, bundle: string) => {
    const l = lib as ShiprunLibrary;
    const id = `shipshape-bench-${s.runId}-lib-${seq++}`;
    made.add(id);
    const c = await ctx.phase('create', () =>
      l.createContainer({ root: root(), id, bundle, stdio: 'ignore' }),
    );
    await ctx.phase('start', () => l.startContainer(root(), id));
    const code = await ctx.phase('wait', () => l.shimExit(c.shim));
    await ctx.phase('delete', () => l.deleteContainer(root(), id));
    made.delete(id);
    if (code !== 0) throw new EngineError(code, 'probe exited non-zero', `shiprun (in process) ${id}`);
  };
  return {
    label: `startup [${engine.name} in process]`,
    engine: engine.name,
    ids: s.concurrency.map((k) => plannedId(inProcessId(k), engine.name, samplerFor('startup', s, k), 20)),
    setupMs: 1_000,
    async open() {
      lib = await import('../../reference-engine/runtime/index.js');
      dir = await mkdtemp(join(s.workDir, 'bundle-shiprun-lib-'));
      const b = await buildBundle(
        join(dir, 'bundle'),
        { rootfs: { binaries: { '/bin/probe': probePath() } } },
        withArgs('/bin/probe', 'exit', '0'),
        withReadonlyRoot(),
      );
      return s.concurrency
        .filter((k) => !s.only || s.only(inProcessId(k)))
        .map((k) =>
          planned(
            {
              id: inProcessId(k),
              engine: engine.name,
              parameters: { mode: 'inprocess', image: 'small', network: 'none', concurrency: k },
              iteration: (ctx) => iterate(ctx, b.dir),
            },
            s,
            k,
            'containers/s',
          ),
        );
    },
    async close() {
      for (const id of made) await lib?.deleteContainer(root(), id, { force: true }).catch(() => {});
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `node -e 0` through the same bounded spawn the runtime-CLI driver uses, at concurrency 1. */
export function nodeStartGroup(s: StartupSettings): BenchGroup {
  const iterate = async () => {
    const r = await runBounded(process.execPath, ['-e', '0'], {
      what: 'node -e 0',
      timeoutMs: 30_000,
      stdout: 'ignore',
      stderr: 'ignore',
    });
    if (r.exitCode !== 0) throw new EngineError(r.exitCode, 'node -e 0 failed', 'node -e 0');
  };
  return {
    label: 'startup [node -e 0]',
    engine: 'node',
    ids: [plannedId(NODE_START_ID, 'node', samplerFor('startup', s, 1), 80)],
    setupMs: 0,
    async open() {
      const def = {
        id: NODE_START_ID,
        engine: 'node',
        parameters: { mode: 'node-start', concurrency: 1 },
        iteration: iterate,
      };
      return [planned(def, s, 1, 'processes/s')];
    },
    close: async () => {},
  };
}

/**
 * `<engine>-via-node`: `node -e` spawning `engine`'s own `run` on the same bundle, `run` mode only
 * (planStartup samples it at concurrency 1). Node's start plus that runtime's run, measured as one call: the least any
 * per-call Node CLI can take, and the figure shiprun's CLI is held against.
 */
function viaNodeDriver(engine: EngineDescription, s: StartupSettings): StartupDriver {
  const wrapped: EngineDescription = {
    ...engine,
    name: `${engine.name}-via-node`,
    address: process.execPath,
    args: ['-e', DELEGATE, '--', engine.address, ...(engine.args ?? [])],
  };
  return { ...runtimeCliDriver(wrapped, { runId: s.runId, workDir: s.workDir }), modes: ['run'] };
}

const referencesApply = (engines: readonly EngineDescription[], s: StartupSettings): boolean =>
  s.image === 'small' && s.network === 'none' && engines.some(isShiprun);

/** The reference groups a run gets when shiprun is among its engines: in process, and Node's start. */
export function referenceGroups(engines: readonly EngineDescription[], s: StartupSettings): BenchGroup[] {
  if (!referencesApply(engines, s)) return [];
  return [...engines.filter(isShiprun).map((e) => shiprunInProcessGroup(e, s)), nodeStartGroup(s)];
}

/** With shiprun in the run: every other runtime CLI behind `node -e` (see viaNodeDriver). */
export function viaNodeDrivers(engines: readonly EngineDescription[], s: StartupSettings): StartupDriver[] {
  if (!referencesApply(engines, s)) return [];
  return engines.filter((e) => e.family === 'runtime-cli' && !isShiprun(e)).map((e) => viaNodeDriver(e, s));
}
