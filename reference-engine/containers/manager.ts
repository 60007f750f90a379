import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerJSON } from '../daemon/wire/containers.js';
import { adoptAll } from './adopt.js';
import { type ContainerManagerOptions, type Ctx, emit, logFile, rootfsDir, runtimeDir } from './context.js';
import { createContainer } from './create.js';
import { ExitMonitor } from './exit-monitor.js';
import { type AfterExit, handleExit } from './handle-exit.js';
import { execProbeRunner } from './health-exec.js';
import { HealthMonitors } from './health-monitor.js';
import { inspectContainer } from './inspect.js';
import { KeyedLock } from './keyed-lock.js';
import { killContainer } from './kill.js';
import { listContainers } from './list.js';
import { pauseContainer, unpauseContainer } from './pause.js';
import { pruneContainers } from './prune.js';
import { RecordStore } from './record-store.js';
import { RecordTable } from './record-table.js';
import { removeContainer } from './remove.js';
import { renameContainer } from './rename.js';
import { restartContainer } from './restart.js';
import { RootfsMounts } from './rootfs-mounts.js';
import { runProcess } from './run-process.js';
import { stopAllForShutdown } from './shutdown.js';
import { startContainer } from './start.js';
import { stopContainer } from './stop.js';
import { topContainer } from './top.js';
import type {
  ContainerManager,
  ContainerRecord,
  CreateRequest,
  Filters,
  ListOptions,
  RemoveOptions,
  RootfsLease,
  RuntimeRef,
  StopOptions,
  UpdateRequest,
  WaitCondition,
} from './types.js';
import { isRunning } from './types.js';
import { updateContainer } from './update.js';
import { waitContainer } from './wait.js';
import { Waiters } from './waiters.js';

/** Opens the manager on its root: loads the records and adopts what survived a daemon restart. */
export async function openContainerManager(opts: ContainerManagerOptions): Promise<ContainerManager> {
  const manager = new Manager(opts);
  await manager.adopt();
  return manager;
}

class Manager implements ContainerManager {
  private readonly ctx: Ctx;
  private readonly monitor: ExitMonitor;
  private readonly health: HealthMonitors;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(opts: ContainerManagerOptions) {
    const runtimeRoot = join(opts.execRoot, 'runtime');
    mkdirSync(runtimeRoot, { recursive: true, mode: 0o711 });
    this.monitor = new ExitMonitor(runtimeRoot, (id) => this.onExit(id), opts.pollMs ?? 1000);
    this.health = new HealthMonitors({
      run: execProbeRunner(runtimeRoot),
      save: (r) => this.ctx.store.save(r),
      emit: (r, action, extra) => emit(this.ctx, r, action, extra),
    });
    this.ctx = {
      opts,
      store: new RecordStore(join(opts.root, 'containers')),
      table: new RecordTable(),
      runtimeRoot,
      locks: new KeyedLock(),
      waiters: new Waiters(),
      rootfs: new RootfsMounts(opts.driver),
      backoff: new Map(),
      exitOnNext: new Set(),
      hooks: {
        watch: (r) => {
          this.monitor.watch(r.id);
          this.health.start(r);
        },
        unwatch: (id) => {
          this.monitor.unwatch(id);
          this.health.stop(id);
        },
        cancelRestart: (id) => this.cancelRestart(id),
        nextExit: (id) => this.monitor.nextExit(id),
      },
    };
  }

  async adopt(): Promise<void> {
    for (const { record, after } of await adoptAll(this.ctx)) {
      if (after.kind === 'start') this.bootStart(record);
      else this.schedule(record, after);
    }
  }

  private bootStart(record: ContainerRecord): void {
    startContainerQuietly(this.ctx, record.id);
  }

  private async onExit(id: string): Promise<void> {
    this.health.stop(id);
    const record = this.ctx.table.byFullId(id);
    if (!record || !isRunning(record.state.status) || record.state.status === 'restarting') return;
    this.schedule(record, await handleExit(this.ctx, record));
  }

  private schedule(record: ContainerRecord, after: AfterExit): void {
    if (this.closed) return;
    if (after.kind === 'remove') this.autoRemove(record.id);
    if (after.kind !== 'restart') return;
    this.cancelRestart(record.id);
    const timer = setTimeout(() => void this.policyRestart(record.id), after.delayMs);
    timer.unref();
    this.timers.set(record.id, timer);
  }

  private cancelRestart(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  /** A restart the policy asked for, after its backoff; a failure leaves the container exited. */
  private async policyRestart(id: string): Promise<void> {
    this.timers.delete(id);
    const record = this.ctx.table.byFullId(id);
    if (this.closed || !record || record.removing) return;
    await this.ctx.locks.run(id, async () => {
      if (record.state.status !== 'restarting') return;
      record.restartCount++;
      try {
        await runProcess(this.ctx, record);
      } catch {
        record.state.status = 'exited';
        await this.ctx.store.save(record);
        emit(this.ctx, record, 'die', { exitCode: String(record.state.exitCode) });
      }
    });
  }

  private autoRemove(id: string): void {
    setImmediate(() => {
      if (this.closed || !this.ctx.table.byFullId(id)) return;
      removeContainer(this.ctx, id, { force: true, volumes: true }).catch(() => {});
    });
  }

  create(req: CreateRequest) {
    return createContainer(this.ctx, req);
  }
  get(idOrName: string): ContainerRecord {
    return this.ctx.table.get(idOrName);
  }
  all(): ContainerRecord[] {
    return this.ctx.table.values().filter((r) => !r.creating);
  }
  list(opts?: ListOptions) {
    return listContainers(this.ctx, opts);
  }
  inspect(idOrName: string, opts?: { size?: boolean }): Promise<ContainerJSON> {
    return inspectContainer(this.ctx, this.ctx.table.get(idOrName), opts?.size === true);
  }
  start(idOrName: string) {
    return startContainer(this.ctx, idOrName);
  }
  stop(idOrName: string, opts?: StopOptions) {
    return stopContainer(this.ctx, idOrName, opts);
  }
  restart(idOrName: string, opts?: StopOptions) {
    return restartContainer(this.ctx, idOrName, opts);
  }
  kill(idOrName: string, signal?: string) {
    return killContainer(this.ctx, idOrName, signal);
  }
  pause(idOrName: string) {
    return pauseContainer(this.ctx, idOrName);
  }
  unpause(idOrName: string) {
    return unpauseContainer(this.ctx, idOrName);
  }
  wait(idOrName: string, condition?: WaitCondition, abort?: AbortSignal) {
    return waitContainer(this.ctx, idOrName, condition, abort);
  }
  nextStartFailure(id: string, abort?: AbortSignal) {
    return this.ctx.waiters.nextStartFailure(id, abort);
  }
  rename(idOrName: string, newName: string) {
    return renameContainer(this.ctx, idOrName, newName);
  }
  update(idOrName: string, update: UpdateRequest) {
    return updateContainer(this.ctx, idOrName, update);
  }
  remove(idOrName: string, opts?: RemoveOptions) {
    return removeContainer(this.ctx, idOrName, opts);
  }
  prune(filters?: Filters) {
    return pruneContainers(this.ctx, filters);
  }
  top(idOrName: string, psArgs?: string) {
    return topContainer(this.ctx, idOrName, psArgs);
  }

  rootfsPath(id: string): string {
    return rootfsDir(this.ctx, this.ctx.table.get(id).id);
  }
  async mountRootfs(idOrName: string): Promise<RootfsLease> {
    const record = this.ctx.table.get(idOrName);
    const path = rootfsDir(this.ctx, record.id);
    await this.ctx.rootfs.acquire(record.snapshotKey, path);
    let released = false;
    return {
      path,
      release: async () => {
        if (released) return;
        released = true;
        await this.ctx.rootfs.release(path);
      },
    };
  }
  logPath(id: string): string {
    return logFile(this.ctx, this.ctx.table.get(id).id);
  }
  runtimeRef(id: string): RuntimeRef {
    const full = this.ctx.table.get(id).id;
    const stateDir = runtimeDir(this.ctx, full);
    return {
      root: this.ctx.runtimeRoot,
      id: full,
      stateDir,
      stdinFifo: join(stateDir, 'stdin'),
      resizeFifo: join(stateDir, 'resize'),
    };
  }
  usingImage(imageId: string): ContainerRecord[] {
    return this.all().filter((r) => r.image === imageId);
  }
  usingVolume(name: string): ContainerRecord[] {
    return this.all().filter((r) => r.mounts.some((m) => m.Type === 'volume' && m.Name === name));
  }
  async stopAll(): Promise<void> {
    this.closed = true; // no policy restart or scheduled removal from here on
    for (const id of [...this.timers.keys()]) this.cancelRestart(id);
    this.health.close();
    await stopAllForShutdown(this.ctx);
  }
  async close(): Promise<void> {
    this.closed = true;
    for (const id of [...this.timers.keys()]) this.cancelRestart(id);
    this.health.close();
    this.monitor.close();
  }
}

/** A start at daemon boot (restart policy): failures stay in the record, as for any start. */
function startContainerQuietly(ctx: Ctx, id: string): void {
  startContainer(ctx, id).catch(() => {});
}
