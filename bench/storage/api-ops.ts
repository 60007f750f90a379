import { DockerApiClient } from '../../core/engines/docker-api/index.js';
import { EngineError } from '../../core/errors.js';
import { dockerArchiveTar, type FixtureImage } from '../../fixtures/images/index.js';
import { copyUpImage, copyUpPath, layeredImage, WORKER_CMD } from './images.js';
import { makeScratch, mountBtrfsLoop, type Scratch } from './scratch-dir.js';
import type { Contender, StorageOps, StorageProfile } from './types.js';
import { filesystemUsedBytes, treeBytes } from './usage.js';

export const STORAGE_LABEL = 'org.shipshape.bench.storage';

/** A Docker-API engine this contender started; `stop` ends it (and what it started). */
export interface StartedEngine {
  readonly address: string;
  readonly dataRoot: string;
  stop(): Promise<void>;
}

export interface ApiOpsOptions {
  readonly workDir: string;
  readonly profile: StorageProfile;
  readonly seed: number;
  readonly runId: string;
  /** Put the data root on a btrfs loop file of this many bytes (docker-btrfs). */
  readonly btrfsBytes?: number;
  /** Starts the engine with its state under `dir` and its store at `dataRoot` (if given). */
  start(dir: string, dataRoot: string | undefined): Promise<StartedEngine>;
}

const TIMEOUT_MS = 300_000;

/**
 * StorageOps over the Docker API of an engine started for this contender alone (a scratch dockerd or
 * Podman service): images loaded with POST /images/load, writes by exec, commits by POST /commit.
 */
export function apiOps(contender: Contender, o: ApiOpsOptions): StorageOps {
  let scratch: Scratch | undefined;
  let engine: StartedEngine | undefined;
  let client: DockerApiClient | undefined;
  let btrfs = false;
  const refs = new Map<number | 'copy-up', string>();
  let seq = 0;
  const api = () => {
    if (!client) throw new Error(`${contender} is not open`);
    return client;
  };
  const load = async (image: FixtureImage, signal: AbortSignal) => {
    const r = await api().images.load(await dockerArchiveTar(image, { refs: [image.ref] }), {
      signal,
      timeoutMs: TIMEOUT_MS,
    });
    return r.loaded.find((x) => !x.startsWith('sha256:')) ?? image.ref;
  };
  const create = async (ref: string, cmd: readonly string[], signal: AbortSignal) => {
    const name = `shipshape-storage-${o.runId}-${seq++}`;
    const body = {
      Image: ref,
      Cmd: [...cmd],
      Labels: { [STORAGE_LABEL]: o.runId },
      HostConfig: { NetworkMode: 'none' },
    };
    return (await api().containers.create(name, body, { signal })).Id;
  };
  const exec = async (id: string, cmd: string[], signal: AbortSignal) => {
    const r = await api().exec.run(id, cmd, { signal, timeoutMs: TIMEOUT_MS });
    if (r.exitCode !== 0) throw new EngineError(r.exitCode ?? -1, `exec ${cmd.join(' ')}: ${r.stderr}`, id);
  };
  return {
    contender,
    async open(signal) {
      scratch = await makeScratch(o.workDir, `storage-${contender}-`);
      let dataRoot: string | undefined;
      if (o.btrfsBytes) {
        dataRoot = `${await mountBtrfsLoop(scratch.dir, o.btrfsBytes)}/data`;
        btrfs = true;
      }
      engine = await o.start(scratch.dir, dataRoot);
      client = new DockerApiClient(engine.address, { timeoutMs: TIMEOUT_MS });
      for (const l of o.profile.layers) refs.set(l, await load(await layeredImage(l, o.runId), signal));
      const cu = await copyUpImage(o.profile.copyUpBytes, o.seed, o.runId);
      refs.set('copy-up', await load(cu, signal));
    },
    create: (layers, signal) => create(refs.get(layers) ?? '', ['/bin/busybox', 'true'], signal),
    remove: (id, signal) => api().containers.remove(id, { force: true, signal }),
    async startWorker(signal) {
      const id = await create(refs.get('copy-up') ?? '', WORKER_CMD, signal);
      await api().containers.start(id, { signal });
      // One exec first: the first exec into a fresh container is slower, and must not be a sample's.
      await exec(id, ['/bin/busybox', 'true'], signal);
      return id;
    },
    baseline: (id, signal) => exec(id, ['/bin/busybox', 'true'], signal),
    append: (id, bytes, signal) =>
      exec(id, ['/bin/busybox', 'sh', '-c', `echo -n x >> ${copyUpPath(bytes)}`], signal),
    async diffBytes(id, signal) {
      return (await api().containers.inspect(id, { size: true, signal })).SizeRw ?? Number.NaN;
    },
    async commit(id, signal) {
      const query = {
        container: id,
        repo: 'shipshape-bench/storage-commit',
        tag: `${o.runId}-${seq++}`,
        pause: 'false',
      };
      return (await api().core.json<{ Id: string }>('POST', '/commit', { query, body: {}, signal })).Id;
    },
    removeImage: async (image, signal) => {
      await api().images.remove(image, { force: true, signal });
    },
    usage: async () =>
      btrfs ? filesystemUsedBytes(engine?.dataRoot ?? '') : treeBytes(engine?.dataRoot ?? ''),
    async close() {
      const errors: unknown[] = [];
      const step = async (f: () => Promise<unknown>) => {
        await f().catch((err: unknown) => errors.push(err));
      };
      if (client) {
        const c = client;
        const mine = await c.containers
          .list({ all: true, filters: { label: [`${STORAGE_LABEL}=${o.runId}`] } })
          .catch(() => []);
        for (const x of mine)
          if (x.Id) await step(() => c.containers.remove(x.Id as string, { force: true }));
        await step(() => c.close());
      }
      if (engine) await step(() => (engine as StartedEngine).stop());
      if (scratch) await step(() => (scratch as Scratch).dispose());
      client = undefined;
      engine = undefined;
      scratch = undefined;
      if (errors.length) throw errors[0];
    },
  };
}
