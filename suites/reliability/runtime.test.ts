import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { withArgs } from '../../core/engines/runtime-cli/bundle.js';
import { type Footprint, leftoversOf, takeFootprint } from '../../core/host/footprint.js';
import { rssKiB } from '../../core/host/process.js';
import { pollFor } from '../../core/wait-for.js';
import {
  closeRuntime,
  leftovers,
  openRuntime,
  probeBundle,
  session,
  stateRootIds,
  trackContainer,
  uniqueId,
} from '../oci-runtime/support/index.js';
import { expectNoProblems } from '../security/support/problems.js';
import { conformance, reportFigures, target } from '../support/index.js';
import { budget, quantiles } from './support/budget.js';

// Churn and density for a runtime CLI: create/start/kill/delete cycles and many containers at once,
// bounded in count and time (support/budget.ts); afterwards nothing the containers held is left (their
// processes and shims, cgroups, namespaces, mounts, state-root entries). Figures as data.
const described = target();
const applies = described.family === 'runtime-cli';
const b = budget();
const MiB = 1024;

beforeAll(async () => {
  if (applies) await openRuntime();
});
afterEach(async () => {
  if (applies) await session().cleanup.runAll();
});
afterAll(async () => {
  if (applies) await closeRuntime();
});

/**
 * What the runtime kept of any of `ids`, looked at once for all of them (hundreds after a churn): a
 * state-root entry, a `list` row, a cgroup named after one (one walk of /sys/fs/cgroup, 3 levels deep).
 * The ids still found are then asked one by one (`leftovers`: `state` too).
 */
async function runtimeLeftovers(ids: readonly string[]): Promise<string[]> {
  const { cli, workspace } = session();
  const wanted = new Set(ids);
  const suspects = new Set(stateRootIds(workspace.stateRoot).filter((id) => wanted.has(id)));
  for (const c of await cli.list()) if (wanted.has(c.id)) suspects.add(c.id);
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (!e.isDirectory()) continue;
      const id = ids.find((x) => e.name.includes(x));
      if (id !== undefined) suspects.add(id);
      else if (depth < 3) await walk(join(dir, e.name), depth + 1);
    }
  };
  for (const r of await readdir('/sys/fs/cgroup').catch(() => [] as string[]))
    await walk(join('/sys/fs/cgroup', r), 1);
  const left: string[] = [];
  for (const id of suspects) left.push(...(await leftovers(id)).map((l) => `${id}: ${l}`));
  return left;
}

/** Leftovers of `ids` (with their footprints), once the runtime had up to 15 s to finish. */
async function settled(footprints: readonly Footprint[]): Promise<string[]> {
  let left: string[] = [];
  await pollFor(
    async () => {
      left = await leftoversOf(footprints);
      left.push(...(await runtimeLeftovers(footprints.map((f) => f.id))));
      return left.length === 0;
    },
    { timeoutMs: 15_000, intervalMs: 250, describe: 'leftovers to go' },
  );
  return left;
}

/** Creates and starts a container of `bundle`; its footprint. */
async function startOne(bundle: string): Promise<Footprint> {
  const { cli } = session();
  const id = trackContainer(uniqueId('rel'));
  await cli.create(id, bundle);
  await cli.start(id);
  const { pid = 0 } = await cli.state(id);
  return takeFootprint(id, pid);
}

/** SIGKILL, then delete once stopped (delete --force when it does not stop in time). */
async function stopAndDelete(id: string): Promise<void> {
  const { cli } = session();
  await cli.kill(id, 'SIGKILL').catch(() => undefined);
  await pollFor(async () => (await cli.state(id)).status === 'stopped', {
    timeoutMs: 10_000,
    intervalMs: 20,
    describe: `${id} to stop`,
  });
  await cli.delete(id, { force: true });
}

if (applies)
  describe('runtime churn and density', () => {
    conformance(
      'create/start/kill/delete cycles (bounded in count and time) leave nothing behind',
      { tags: ['reliability', 'churn'], requirements: [], timeout: b.churnMs + 60_000 },
      async (ctx) => {
        const bundle = await probeBundle(withArgs('/bin/probe', 'sleep', '600'));
        const footprints: Footprint[] = [];
        const cycleMs: number[] = [];
        const until = Date.now() + b.churnMs;
        for (let i = 0; i < b.churnCycles && Date.now() < until; i++) {
          const t0 = performance.now();
          const f = await startOne(bundle.dir);
          footprints.push(f);
          await stopAndDelete(f.id);
          cycleMs.push(performance.now() - t0);
        }
        const left = await settled(footprints);
        const q = quantiles(cycleMs);
        reportFigures(ctx, { cycles: cycleMs.length, cycle_ms_median: q.median, cycle_ms_p95: q.p95 });
        expect(cycleMs.length).toBeGreaterThanOrEqual(Math.min(10, b.churnCycles));
        expectNoProblems(left, 'what the deleted containers left');
      },
    );

    conformance(
      'sleeping containers (100 by default) run together and all go without leftovers',
      { tags: ['reliability', 'density'], requirements: [], timeout: b.densityMs + 120_000 },
      async (ctx) => {
        const bundle = await probeBundle(withArgs('/bin/probe', 'sleep', '600'));
        const footprints: Footprint[] = [];
        const startMs: number[] = [];
        const until = Date.now() + b.densityMs;
        for (let i = 0; i < b.density && Date.now() < until; i++) {
          const t0 = performance.now();
          footprints.push(await startOne(bundle.dir));
          startMs.push(performance.now() - t0);
        }
        let kib = 0;
        for (const f of footprints) for (const p of f.processes) kib += await rssKiB(p.pid);
        const states = await Promise.all(footprints.map((f) => session().cli.state(f.id)));
        const notRunning = states.filter((s) => s.status !== 'running').map((s) => `${s.id}: ${s.status}`);
        for (const f of footprints) await stopAndDelete(f.id);
        const left = await settled(footprints);
        const q = quantiles(startMs);
        reportFigures(ctx, {
          containers: footprints.length,
          start_ms_first: startMs[0] ?? Number.NaN,
          start_ms_last: startMs.at(-1) ?? Number.NaN,
          start_ms_median: q.median,
          start_ms_p95: q.p95,
          rss_mib_per_container: kib / Math.max(1, footprints.length) / MiB,
        });
        expect(footprints.length, 'containers started within the time bound').toBe(b.density);
        expectNoProblems(notRunning, 'containers not running with the others');
        expectNoProblems(left, 'what the deleted containers left');
      },
    );
  });
