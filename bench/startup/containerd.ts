import { ContainerdCtr } from '../../core/engines/containerd/client.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { EngineError } from '../../core/errors.js';
import { loadIntoContainerd } from '../../fixtures/images/index.js';
import type { CorpusProfile } from '../corpus/corpora.js';
import type { IterationContext } from '../runner/types.js';
import { findDaemonPid } from './daemon-pid.js';
import { startupImage } from './image.js';
import type { StartupDriver, StartupOptions } from './types.js';

/**
 * containerd through ctr: `containers create`, `tasks start`, wait (poll `tasks ls` for STOPPED, then
 * `tasks rm`, which is where ctr reads the exit status), `containers rm`. Each step spawns one ctr.
 */
export function containerdDriver(
  engine: EngineDescription,
  o: StartupOptions & { runId: string; profile: CorpusProfile },
): StartupDriver {
  const ctr = new ContainerdCtr(engine, { timeoutMs: 60_000 });
  const made = new Set<string>();
  let ref = '';
  let seq = 0;
  const iterate = async (_mode: string, ctx: IterationContext): Promise<void> => {
    const id = `shipshape-bench-${o.runId}-${seq++}`;
    made.add(id);
    await ctx.phase('create', () => ctr.createContainer(id, ref, ['/bin/probe', 'exit', '0']));
    await ctx.phase('start', () => ctr.startTask(id));
    const { exitCode } = await ctx.phase('wait', () => ctr.wait(id, { intervalMs: 5 }));
    await ctx.phase('delete', () => ctr.delete(id));
    made.delete(id);
    if (exitCode !== 0) throw new EngineError(exitCode, 'probe exited non-zero', `ctr task ${id}`);
  };
  return {
    engine: engine.name,
    modes: ['lifecycle'],
    async prepare() {
      const fixture = await startupImage(o.image, o.profile);
      const loaded = await loadIntoContainerd(ctr, fixture, {
        ref: `shipshape-bench/startup-${o.image}:${o.runId}`,
      });
      ref = loaded.ref;
    },
    iterate,
    async cleanup() {
      for (const id of made) await ctr.delete(id, { force: true, timeoutMs: 15_000 }).catch(() => {});
      if (ref) await ctr.removeImage(ref).catch(() => {});
    },
    daemon: () => findDaemonPid(engine.address.replace(/^unix:\/\//, ''), 'containerd'),
  };
}
