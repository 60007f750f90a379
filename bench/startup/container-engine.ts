import type { ContainerEngine } from '../../core/engines/container-engine/types.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { EngineError } from '../../core/errors.js';
import { dockerArchiveTar } from '../../fixtures/images/index.js';
import type { CorpusProfile } from '../corpus/corpora.js';
import type { IterationContext } from '../runner/types.js';
import { findDaemonPid, type PidLookup } from './daemon-pid.js';
import { startupImage } from './image.js';
import type { StartupDriver, StartupMode, StartupOptions } from './types.js';

export const BENCH_LABEL = 'org.shipshape.bench';

/** The part of a ContainerEngine the startup benchmark drives. */
export type StartupParts = Pick<
  ContainerEngine,
  'load' | 'removeImage' | 'create' | 'start' | 'wait' | 'remove' | 'list' | 'close'
>;

/** How often wait polls on engines that must poll for the exit: as short as the host bears. */
const POLL_MS = 5;

/** The daemon behind a unix socket (`unix://` or a bare path), by socket owner or peers pid file. */
export function daemonOf(engine: EngineDescription): Promise<PidLookup> {
  const { address } = engine;
  const socket = address.startsWith('unix://') ? address.slice('unix://'.length) : address;
  if (!socket.startsWith('/')) {
    return Promise.resolve({ note: `${address} is not a unix socket; daemon usage skipped` });
  }
  return findDaemonPid(socket, engine.name === 'docker' ? 'dockerd' : engine.name);
}

/**
 * A container engine's startup, timed by phase: create (probe `exit 0`), start, wait, remove (without
 * force, as a finished container needs none). The image is loaded once under a run-unique tag;
 * containers carry a run label so cleanup removes exactly what this run made. Output is discarded
 * where the client would otherwise keep it (containerd's log driver).
 */
export function containerEngineDriver(
  description: EngineDescription,
  engine: StartupParts,
  o: StartupOptions & { runId: string; profile: CorpusProfile },
): StartupDriver {
  // Engine name in tag and names: two engines may be one daemon (A/B through a proxy).
  const ref = `shipshape-bench/startup-${o.image}:${o.runId}-${description.name}`;
  const label = `${BENCH_LABEL}=${o.runId}`;
  let image = ref;
  let seq = 0;
  const iterate = async (_mode: StartupMode, ctx: IterationContext): Promise<void> => {
    const call = { signal: ctx.signal };
    const name = `shipshape-bench-${o.runId}-${description.name}-${seq++}`;
    const spec = {
      name,
      image,
      command: ['/bin/probe', 'exit', '0'],
      labels: { [BENCH_LABEL]: o.runId },
      network: o.network,
      discardOutput: true,
    };
    const id = await ctx.phase('create', () => engine.create(spec, call));
    await ctx.phase('start', () => engine.start(id, call));
    const waited = await ctx.phase('wait', () => engine.wait(id, { ...call, pollIntervalMs: POLL_MS }));
    await ctx.phase('delete', () => engine.remove(id, call));
    if (waited.exitCode !== 0) throw new EngineError(waited.exitCode, 'probe exited non-zero', name);
  };
  return {
    engine: description.name,
    modes: ['lifecycle'],
    async prepare(signal) {
      const archive = await dockerArchiveTar(await startupImage(o.image, o.profile), { refs: [ref] });
      image = (await engine.load(archive, { ref, signal, timeoutMs: 300_000 })).images[0] ?? ref;
    },
    iterate,
    async cleanup() {
      const mine = await engine.list({ label }).catch(() => [] as string[]);
      for (const id of mine) await engine.remove(id, { force: true, timeoutMs: 15_000 }).catch(() => {});
      await engine.removeImage(image).catch(() => {});
      await engine.close();
    },
    daemon: () => daemonOf(description),
  };
}
