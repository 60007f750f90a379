import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import { lackingReason } from '../../core/engines/capabilities.js';
import type { Footprint } from '../../core/host/footprint.js';
import { waitFor } from '../../core/wait-for.js';
import { RUN_ID, SECURITY_LABEL } from '../security/support/names.js';
import { expectNoProblems } from '../security/support/problems.js';
import { conformance } from '../support/index.js';
import { useContainers } from './support/containers.js';
import { crashRestartCommand, killDaemon, noCrashReason, restartDaemon } from './support/crash.js';

// kill -9 of the daemon during create and during remove, then a restart: every container is whole
// (inspects, starts, stops, removes) or gone, and a retry succeeds; running containers outlive the
// daemon (dockerd with live-restore; containerd, whose shims stay) with their logs and exit codes.
const c = useContainers();
const restart = c.applies ? crashRestartCommand(c.described) : undefined;
const TAGS = ['reliability', 'crash'];
const CRASH_LABEL = 'io.shipshape.crash';

/** kill -9 the daemon after `delayMs`, start it again, and wait until it answers. */
async function crashAfter(delayMs: number): Promise<void> {
  await sleep(delayMs);
  await killDaemon(c.described);
  await restartDaemon(restart as string);
  await waitFor(() => c.engine.alive(), {
    timeoutMs: 60_000,
    intervalMs: 250,
    describe: 'the daemon to answer again',
  });
}

/** Whatever is left under `label` must be whole: inspect, start when created, and remove all work. */
async function wholeOrGone(label: string): Promise<string[]> {
  const problems: string[] = [];
  const listed = await c.engine.list({ label: `${CRASH_LABEL}=${label}` });
  console.log(
    `[reliability] ${c.described.name} ${label}: ${listed.length} container(s) listed after the restart`,
  );
  for (const id of listed) {
    const s = await c.engine.inspect(id).catch((err: Error) => err);
    if (s instanceof Error || s === undefined) {
      problems.push(`${id} is listed but does not inspect: ${s instanceof Error ? s.message : 'gone'}`);
      continue;
    }
    if (s.status === 'created')
      await c.engine.start(id).catch((err: Error) => problems.push(`${id} does not start: ${err.message}`));
    await c.engine
      .remove(id, { force: true })
      .catch((err: Error) => problems.push(`${id} does not go: ${err.message}`));
  }
  return problems;
}

if (c.applies)
  describe('a daemon killed with SIGKILL', () => {
    conformance(
      'during create: after a restart no container is half-made, and a retry succeeds',
      { tags: TAGS, requirements: [], timeout: 180_000 },
      async (ctx) => {
        if (restart === undefined) ctx.skip(noCrashReason(c.described));
        const label = `create-${RUN_ID}`;
        const labels = { [SECURITY_LABEL]: RUN_ID, [CRASH_LABEL]: label };
        const creates = Array.from({ length: 4 }, (_, i) =>
          c.create(['sleep', '600'], { labels, name: `shipshape-crash-${RUN_ID}-c${i}` }).then(
            (id) => `made ${id.slice(0, 12)}`,
            (err: Error) => `failed: ${err.message.split('\n')[0]?.slice(0, 300)}`,
          ),
        );
        await crashAfter(15);
        console.log(
          `[reliability] ${c.described.name} creates cut by the kill: ${(await Promise.all(creates)).join('; ')}`,
        );
        expectNoProblems(await wholeOrGone(label), 'containers after the crash');
        const retry = await c.start(['sleep', '600'], { labels, name: `shipshape-crash-${RUN_ID}-c0` });
        expect((await c.engine.inspect(retry))?.status).toBe('running');
      },
    );

    conformance(
      'during remove: after a restart each container is whole or gone, and its removal finishes without leftovers',
      { tags: TAGS, requirements: [], timeout: 180_000 },
      async (ctx) => {
        if (restart === undefined) ctx.skip(noCrashReason(c.described));
        const label = `remove-${RUN_ID}`;
        const labels = { [SECURITY_LABEL]: RUN_ID, [CRASH_LABEL]: label };
        const ids: string[] = [];
        const footprints: Footprint[] = [];
        for (let i = 0; i < 3; i++) {
          const id = await c.start(['sleep', '600'], { labels });
          ids.push(id);
          footprints.push(await c.footprint(id));
        }
        const removes = ids.map((id) =>
          c.remove(id, true).then(
            () => 'removed',
            (err: Error) => `failed: ${err.message.split('\n')[0]?.slice(0, 300)}`,
          ),
        );
        await crashAfter(30);
        console.log(
          `[reliability] ${c.described.name} removes cut by the kill: ${(await Promise.all(removes)).join('; ')}`,
        );
        const problems = await wholeOrGone(label);
        problems.push(...(await c.settled(footprints, 30_000)));
        expectNoProblems(problems, 'containers after the crash');
      },
    );

    conformance(
      'running containers outlive it with their pid, logs and exit codes',
      { tags: TAGS, requirements: [], timeout: 180_000 },
      async (ctx) => {
        if (restart === undefined) ctx.skip(noCrashReason(c.described));
        if (c.described.family === 'docker-api') {
          const lacking = lackingReason(c.described, ['live-restore']);
          if (lacking !== undefined) ctx.skip(lacking);
        }
        const running = await c.start(['sh', '-c', 'tick 50 10; exec sigwait --exit-on SIGTERM'], {
          discardOutput: false,
        });
        await waitFor(async () => (await c.engine.logs(running)).stdout.includes('tick 10'), {
          timeoutMs: 20_000,
          intervalMs: 100,
          describe: 'the ticks to be logged',
        });
        const exitCodes = c.described.capabilities.includes('containers.exit-code');
        const exited = await c.start(['exit', '7']);
        await c.engine.wait(exited, { timeoutMs: 30_000 });
        const before = await c.engine.inspect(running);
        await crashAfter(0);
        const after = await c.engine.inspect(running);
        expect({ status: after?.status, pid: after?.pid }).toEqual({ status: 'running', pid: before?.pid });
        expect((await c.engine.logs(running)).stdout, 'the logs written before the crash').toContain(
          'tick 10',
        );
        if (exitCodes)
          expect((await c.engine.inspect(exited))?.exitCode, 'the exit code recorded before').toBe(7);
        await c.engine.stop(running, { timeoutS: 10 });
        const { exitCode } = await c.engine.wait(running, { timeoutMs: 30_000 });
        expect(exitCode, 'the exit status of the adopted container').toBe(143);
      },
    );
  });
