import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidArgument } from '../../errors.js';
import { readState } from '../../runtime/state/state-dir.js';
import type { Reading } from '../../stats/stats-sample.js';
import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { boolParam } from '../http/query.js';

const INTERVAL_MS = 1000;

/** The cgroup readers (v1 and v2), loaded on the first stats call: not idle memory. */
const statsCode = async () => {
  const [sample, dirs] = await Promise.all([
    import('../../stats/stats-sample.js'),
    import('../../stats/cgroup-dirs.js'),
  ]);
  return { ...sample, ...dirs };
};

/**
 * GET /containers/{id}/stats from the container's cgroups. `stream=false`: one document, with a
 * previous reading a second earlier as precpu_stats (none with `one-shot`). Streamed: a document at
 * once and then every second, newline-delimited, until the client goes or the container is removed. A container that does not run
 * reads as zeros (dockerd's shape: the zero time, empty stats).
 */
export function registerContainersStats(app: Routes, ctx: DaemonContext): void {
  const reading = async (id: string): Promise<Reading | undefined> => {
    let status: string;
    try {
      status = ctx.containers.get(id).state.status;
    } catch {
      return undefined; // removed meanwhile
    }
    if (status !== 'running' && status !== 'paused') return undefined;
    const ref = ctx.containers.runtimeRef(id);
    const { cgroupDirs, takeReading } = await statsCode();
    const dirs = cgroupDirs((await readState(ref.root, ref.id).catch(() => undefined))?.procsFiles ?? []);
    return dirs && takeReading(dirs);
  };

  app.get('/containers/:id/stats', async (req, reply) => {
    const { id } = req.params;
    const record = ctx.containers.get(id);
    const who = { id: record.id, name: record.name };
    const stream = boolParam(req.query, 'stream', true);
    const oneShot = boolParam(req.query, 'one-shot');
    if (stream && oneShot) throw new InvalidArgument('cannot have stream=true and one-shot=true');
    const { statsJson } = await statsCode();
    const controller = new AbortController();
    reply.raw.on('close', () => controller.abort());
    if (!stream) {
      const first = await reading(record.id);
      if (oneShot || first === undefined) return statsJson(who, first, undefined);
      await sleep(INTERVAL_MS, undefined, { signal: controller.signal }).catch(() => {});
      return statsJson(who, await reading(record.id), first);
    }
    const res = reply.hijack();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    let previous: Reading | undefined;
    const exists = () => ctx.containers.all().some((c) => c.id === record.id);
    while (!controller.signal.aborted && !res.destroyed && exists()) {
      const current = await reading(record.id);
      res.write(`${JSON.stringify(statsJson(who, current, previous))}\n`);
      previous = current;
      await sleep(INTERVAL_MS, undefined, { signal: controller.signal }).catch(() => {});
    }
    res.end();
  });
}
