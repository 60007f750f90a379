import { DockerApiClient } from '../../core/engines/docker-api/index.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { EngineError } from '../../core/errors.js';
import { dockerArchiveTar, imageForHost } from '../../fixtures/images/index.js';
import type { CorpusProfile } from '../corpus/corpora.js';
import type { IterationContext } from '../runner/types.js';
import { findDaemonPid } from './daemon-pid.js';
import { startupImage } from './image.js';
import type { StartupDriver, StartupMode, StartupOptions } from './types.js';

export const BENCH_LABEL = 'org.shipshape.bench';

const socketOf = (address: string): string | undefined =>
  address.startsWith('unix://') ? address.slice('unix://'.length) : undefined;

/**
 * Docker-API startup: POST /containers/create (probe `exit 0`), /start, /wait, DELETE, timed apart.
 * The image is loaded once under a run-unique tag and created by ID; containers carry a run label so
 * cleanup removes exactly what this run made.
 */
export function dockerApiDriver(
  engine: EngineDescription,
  o: StartupOptions & { runId: string; profile: CorpusProfile; client?: DockerApiClient },
): StartupDriver {
  const docker = o.client ?? new DockerApiClient(engine, { timeoutMs: 60_000 });
  // Engine name in tag and names: two engines may be one daemon (A/B through a proxy).
  const ref = `shipshape-bench/startup-${o.image}:${o.runId}-${engine.name}`;
  let imageId = '';
  let loadedRef = ref;
  let seq = 0;
  const iterate = async (_mode: StartupMode, ctx: IterationContext): Promise<void> => {
    const call = { signal: ctx.signal };
    const name = `shipshape-bench-${o.runId}-${engine.name}-${seq++}`;
    const { Id } = await ctx.phase('create', () =>
      docker.containers.create(
        name,
        {
          Image: imageId,
          Cmd: ['exit', '0'],
          Labels: { [BENCH_LABEL]: o.runId },
          HostConfig: { NetworkMode: o.network },
        },
        call,
      ),
    );
    await ctx.phase('start', () => docker.containers.start(Id, call));
    const waited = await ctx.phase('wait', () => docker.containers.wait(Id, undefined, call));
    await ctx.phase('delete', () => docker.containers.remove(Id, call));
    if (waited.StatusCode !== 0) throw new EngineError(waited.StatusCode, 'probe exited non-zero', name);
  };
  return {
    engine: engine.name,
    modes: ['lifecycle'],
    async prepare(signal) {
      const fixture = await startupImage(o.image, o.profile);
      imageId = imageForHost(fixture).id;
      const archive = await dockerArchiveTar(fixture, { refs: [ref] });
      const result = await docker.images.load(archive, { signal, timeoutMs: 300_000 });
      loadedRef = result.loaded.find((r) => !r.startsWith('sha256:')) ?? ref;
    },
    iterate,
    async cleanup() {
      const mine = await docker.containers
        .list({ all: true, filters: { label: [`${BENCH_LABEL}=${o.runId}`] } })
        .catch(() => []);
      for (const c of mine) {
        if (c.Id) await docker.containers.remove(c.Id, { force: true }).catch(() => {});
      }
      await docker.images.remove(loadedRef).catch(() => {});
      if (!o.client) await docker.close();
    },
    async daemon() {
      const socket = socketOf(engine.address);
      if (!socket) return { note: `${engine.address} is not a unix socket; daemon usage skipped` };
      return findDaemonPid(socket, engine.name === 'docker' ? 'dockerd' : engine.name);
    },
  };
}
