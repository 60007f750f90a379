import { describe, expect } from 'vitest';
import { daemonPids, daemonStats } from '../../core/host/daemon.js';
import type { Footprint } from '../../core/host/footprint.js';
import { rssKiB } from '../../core/host/process.js';
import { expectNoProblems } from '../security/support/problems.js';
import { conformance, reportFigures } from '../support/index.js';
import { budget, quantiles } from './support/budget.js';
import { useContainers } from './support/containers.js';

// Density: N sleeping containers at once (support/budget.ts). Behaviour: every one starts, all run
// together, all go without leftovers. Figures: start time of the first, the last and the median, memory
// per container (the shims' RSS plus the daemon's growth, over N).
const c = useContainers();
const b = budget();
const MiB = 1024;

if (c.applies)
  describe('density', () => {
    conformance(
      'sleeping containers (100 by default) run together and all go without leftovers',
      { tags: ['reliability', 'density'], requirements: [], timeout: b.densityMs + 240_000 },
      async (ctx) => {
        const pids = await daemonPids(c.described.address);
        const before = await daemonStats(pids);
        const ids: string[] = [];
        const startMs: number[] = [];
        const until = Date.now() + b.densityMs;
        for (let i = 0; i < b.density && Date.now() < until; i++) {
          const t0 = performance.now();
          ids.push(await c.start(['sleep', '600']));
          startMs.push(performance.now() - t0);
        }
        const footprints: Footprint[] = [];
        const notRunning: string[] = [];
        for (const id of ids) {
          const s = await c.engine.inspect(id);
          if (s?.status !== 'running') notRunning.push(`${id}: ${s?.status ?? 'gone'}`);
          else footprints.push(await c.footprint(id));
        }
        const during = await daemonStats(pids);
        let shimKiB = 0;
        for (const f of footprints) for (const p of f.processes.slice(1)) shimKiB += await rssKiB(p.pid);
        const shims = footprints.filter((f) => f.processes.length > 1).length;
        for (let i = 0; i < ids.length; i += 8)
          await Promise.all(ids.slice(i, i + 8).map((id) => c.remove(id, true)));
        const left = await c.settled(footprints, 30_000);
        const q = quantiles(startMs);
        const n = Math.max(1, ids.length);
        reportFigures(ctx, {
          containers: ids.length,
          start_ms_first: startMs[0] ?? Number.NaN,
          start_ms_last: startMs.at(-1) ?? Number.NaN,
          start_ms_median: q.median,
          start_ms_p95: q.p95,
          shim_rss_mib_per_container: shims > 0 ? shimKiB / shims / MiB : Number.NaN,
          daemon_rss_growth_mib: (during.rssKiB - before.rssKiB) / MiB,
          memory_per_container_mib: (shimKiB + during.rssKiB - before.rssKiB) / n / MiB,
        });
        expect(ids.length, 'containers started within the time bound').toBe(b.density);
        expect(notRunning, 'containers not running with the others').toEqual([]);
        expectNoProblems(left, 'what the removed containers left');
      },
    );
  });
