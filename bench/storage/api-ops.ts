import type { ContainerEngine } from '../../core/engines/container-engine/types.js';
import { DockerApiEngine } from '../../core/engines/docker-api/container-engine.js';
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

/** The part of a ContainerEngine the storage benchmark drives; commit and SizeRw are Docker API only. */
export type StorageParts = Pick<
  ContainerEngine,
  'load' | 'create' | 'start' | 'exec' | 'remove' | 'removeImage' | 'list' | 'close'
>;

/**
 * StorageOps over the Docker API of an engine started for this contender alone (a scratch dockerd or
 * Podman service): images loaded with POST /images/load, writes by exec, commits by POST /commit.
 */
export function apiOps(contender: Contender, o: ApiOpsOptions): StorageOps {
  let scratch: Scratch | undefined;
  let engine: StartedEngine | undefined;
  let docker: DockerApiEngine | undefined;
  let btrfs = false;
  const refs = new Map<number | 'copy-up', string>();
  let seq = 0;
  const opened = (): DockerApiEngine => {
    if (!docker) throw new Error(`${contender} is not open`);
    return docker;
  };
  const api = (): StorageParts => opened();
  const load = async (image: FixtureImage, signal: AbortSignal) => {
    const archive = await dockerArchiveTar(image, { refs: [image.ref] });
    return (
      (await api().load(archive, { ref: image.ref, signal, timeoutMs: TIMEOUT_MS })).images[0] ?? image.ref
    );
  };
  const create = (image: string, command: readonly string[], signal: AbortSignal) => {
    const name = `shipshape-storage-${o.runId}-${seq++}`;
    return api().create({ name, image, command, labels: { [STORAGE_LABEL]: o.runId } }, { signal });
  };
  const exec = async (id: string, cmd: string[], signal: AbortSignal) => {
    const r = await api().exec(id, cmd, { signal, timeoutMs: TIMEOUT_MS });
    if (r.exitCode !== 0) throw new EngineError(r.exitCode, `exec ${cmd.join(' ')}: ${r.stderr}`, id);
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
      const endpoint = {
        name: contender,
        family: 'docker-api' as const,
        address: engine.address,
        source: 'bench',
      };
      docker = new DockerApiEngine(endpoint, { timeoutMs: TIMEOUT_MS });
      for (const l of o.profile.layers) refs.set(l, await load(await layeredImage(l, o.runId), signal));
      const cu = await copyUpImage(o.profile.copyUpBytes, o.seed, o.runId);
      refs.set('copy-up', await load(cu, signal));
    },
    create: (layers, signal) => create(refs.get(layers) ?? '', ['/bin/busybox', 'true'], signal),
    remove: (id, signal) => api().remove(id, { force: true, signal }),
    async startWorker(signal) {
      const id = await create(refs.get('copy-up') ?? '', WORKER_CMD, signal);
      await api().start(id, { signal });
      // One exec first: the first exec into a fresh container is slower, and must not be a sample's.
      await exec(id, ['/bin/busybox', 'true'], signal);
      return id;
    },
    baseline: (id, signal) => exec(id, ['/bin/busybox', 'true'], signal),
    append: (id, bytes, signal) =>
      exec(id, ['/bin/busybox', 'sh', '-c', `echo -n x >> ${copyUpPath(bytes)}`], signal),
    async diffBytes(id, signal) {
      return (await opened().client.containers.inspect(id, { size: true, signal })).SizeRw ?? Number.NaN;
    },
    async commit(id, signal) {
      const query = {
        container: id,
        repo: 'shipshape-bench/storage-commit',
        tag: `${o.runId}-${seq++}`,
        pause: 'false',
      };
      const core = opened().client.core;
      return (await core.json<{ Id: string }>('POST', '/commit', { query, body: {}, signal })).Id;
    },
    removeImage: async (image, signal) => {
      await api().removeImage(image, { force: true, signal });
    },
    usage: async () =>
      btrfs ? filesystemUsedBytes(engine?.dataRoot ?? '') : treeBytes(engine?.dataRoot ?? ''),
    async close() {
      const errors: unknown[] = [];
      const step = async (f: () => Promise<unknown>) => {
        await f().catch((err: unknown) => errors.push(err));
      };
      if (docker) {
        const c: StorageParts = docker;
        const mine = await c.list({ label: `${STORAGE_LABEL}=${o.runId}` }).catch(() => [] as string[]);
        for (const id of mine) await step(() => c.remove(id, { force: true }));
        await step(() => c.close());
      }
      if (engine) await step(() => (engine as StartedEngine).stop());
      if (scratch) await step(() => (scratch as Scratch).dispose());
      docker = undefined;
      engine = undefined;
      scratch = undefined;
      if (errors.length) throw errors[0];
    },
  };
}
