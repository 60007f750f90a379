import { describe, expect } from 'vitest';
import { daemonPids, daemonStats } from '../../core/host/daemon.js';
import type { Footprint } from '../../core/host/footprint.js';
import { pollFor } from '../../core/wait-for.js';
import { expectNoProblems } from '../security/support/problems.js';
import { conformance, reportFigures } from '../support/index.js';
import { budget, quantiles } from './support/budget.js';
import { useContainers } from './support/containers.js';

// Churn: create/start/stop/remove cycles, bounded in count and time (support/budget.ts), then a leak
// check against what each container held while it ran (mounts, cgroups, network namespace, veths, its
// processes and shim) and the daemon's descriptors. Every tenth cycle asks for a bridge network where
// the engine has networks, so veths are made and must go too. Time per cycle and the daemon's memory
// growth are figures.
const c = useContainers();
const b = budget();
const MiB = 1024;

if (c.applies)
  describe('churn', () => {
    conformance(
      'create/start/stop/remove cycles (bounded in count and time) leave nothing behind',
      { tags: ['reliability', 'churn'], requirements: [], timeout: b.churnMs + 120_000 },
      async (ctx) => {
        const pids = await daemonPids(c.described.address);
        const before = await daemonStats(pids);
        const bridge = c.described.capabilities.includes('networks');
        let bridgeRefused = '';
        const footprints: Footprint[] = [];
        const cycleMs: number[] = [];
        const until = Date.now() + b.churnMs;
        for (let i = 0; i < b.churnCycles && Date.now() < until; i++) {
          const t0 = performance.now();
          const network = bridge && !bridgeRefused && i % 10 === 9 ? ('bridge' as const) : ('none' as const);
          let id: string;
          try {
            id = await c.start(['sigwait', '--exit-on', 'SIGTERM'], { network });
          } catch (err) {
            if (network !== 'bridge') throw err;
            bridgeRefused = (err as Error).message.split('\n')[0] ?? 'refused';
            id = await c.start(['sigwait', '--exit-on', 'SIGTERM']);
          }
          footprints.push(await c.footprint(id));
          await c.engine.stop(id, { timeoutS: 5 });
          await c.remove(id);
          cycleMs.push(performance.now() - t0);
        }
        if (bridgeRefused)
          console.log(`[reliability] ${c.described.name}: bridge refused (${bridgeRefused}); veths not made`);
        const left = await c.settled(footprints);
        // Other clients of a shared daemon open and close descriptors too, and a daemon may hold some a
        // while after the work (Podman's event-log readers): a leak of one per cycle stays, so wait for
        // the count to come back within the slack (bounded) before judging it.
        const fdSlack = 16 + Math.floor(cycleMs.length / 10);
        let after = await daemonStats(pids);
        await pollFor(
          async () => {
            after = await daemonStats(pids);
            return after.fds - before.fds <= fdSlack;
          },
          { timeoutMs: 30_000, intervalMs: 1_000, describe: 'the daemon descriptors to settle' },
        );
        const q = quantiles(cycleMs);
        reportFigures(ctx, {
          cycles: cycleMs.length,
          cycle_ms_median: q.median,
          cycle_ms_p95: q.p95,
          daemon_rss_growth_mib: (after.rssKiB - before.rssKiB) / MiB,
          daemon_fd_growth: after.fds - before.fds,
          veths_made: footprints.reduce((n, f) => n + f.veths.length, 0),
        });
        expect(cycleMs.length, 'cycles done within the time bound').toBeGreaterThanOrEqual(
          Math.min(10, b.churnCycles),
        );
        expectNoProblems(left, 'what the removed containers left');
        expect(after.fds - before.fds, `daemon descriptors grew beyond ${fdSlack}`).toBeLessThanOrEqual(
          fdSlack,
        );
      },
    );
  });
