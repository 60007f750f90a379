import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CreateOptions,
  createWithRuntime,
  nativeLauncher,
  createContainer as runtimeCreate,
  deleteContainer as runtimeDelete,
  startContainer as runtimeStart,
} from '../runtime/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { type Ctx, emit, logFile, nowRfc3339Nano, rootfsDir, runtimeDir } from './context.js';
import { prepareSpec } from './prepare-spec.js';
import { externalRuntime } from './runtimes.js';
import type { ContainerRecord } from './types.js';

/** dockerd's exit code for a start that failed: 127 not found, 126 not executable, else 128. */
export function startFailureCode(message: string): number {
  if (/no such file|not found|ENOENT/i.test(message)) return 127;
  if (/permission denied|EACCES|not executable|exec format/i.test(message)) return 126;
  return 128;
}

/** Takes the container's reference on each of its volumes (a volume with driver options gets mounted). */
export async function mountVolumes(ctx: Ctx, record: ContainerRecord): Promise<void> {
  for (const m of record.mounts)
    if (m.Type === 'volume' && m.Name) await ctx.opts.volumes.mount(m.Name, record.id);
}

/** Drops the container's volume references (the last user of a mounted volume unmounts it). */
export async function unmountVolumes(ctx: Ctx, record: ContainerRecord): Promise<void> {
  for (const m of record.mounts)
    if (m.Type === 'volume' && m.Name) await ctx.opts.volumes.unmount(m.Name, record.id).catch(() => {});
}

/** Copies image content into volumes on their first use (VolumeStore.copyUp checks "first"). */
async function copyUpVolumes(ctx: Ctx, record: ContainerRecord, rootfs: string): Promise<void> {
  for (const m of record.mounts) {
    if (m.Type !== 'volume' || !m.Name) continue;
    if (/(^|,)nocopy(,|$)/.test(m.Mode)) continue;
    const fromMount = record.hostConfig.Mounts?.find((x) => x.Target === m.Destination);
    if (fromMount?.VolumeOptions?.NoCopy) continue;
    const inImage = join(rootfs, m.Destination);
    try {
      if (!lstatSync(inImage).isDirectory()) continue; // a symlink or file: never followed out of the rootfs
    } catch {
      continue;
    }
    await ctx.opts.volumes.copyUp(m.Name, inImage);
  }
}

/**
 * Runs the container's process: rootfs mounted, volumes filled, the OCI config written to the bundle
 * (ROOT/containers/<id>/config.json), then the runtime's create + start with the shim logging to the
 * json-file: shiprun's in process, or HostConfig.Runtime's CLI around our shim (external-runtime.ts).
 * On success the record says running and the exit is watched; on failure
 * everything is undone and the record keeps dockerd's exit code and error for a failed start.
 */
export async function runProcess(ctx: Ctx, record: ContainerRecord): Promise<void> {
  const rootfs = rootfsDir(ctx, record.id);
  const bundle = ctx.store.containerDir(record.id);
  await ctx.rootfs.acquire(record.snapshotKey, rootfs);
  let created = false;
  try {
    await mountVolumes(ctx, record);
    await copyUpVolumes(ctx, record, rootfs);
    const spec = prepareSpec(ctx, record, rootfs);
    writeFileAtomic(join(bundle, 'config.json'), JSON.stringify(spec));
    if (existsSync(runtimeDir(ctx, record.id)))
      await runtimeDelete(ctx.runtimeRoot, record.id, { force: true }).catch(() => {});
    const external = externalRuntime(ctx, record);
    const options: CreateOptions = {
      root: ctx.runtimeRoot,
      id: record.id,
      bundle,
      stdio: {
        kind: 'log',
        logPath: logFile(ctx, record.id),
        stdin: record.config.OpenStdin === true,
        // dockerd closes the stdin at an attach's EOF only without a TTY (detaching leaves it open).
        stdinOnce: record.config.StdinOnce === true && record.config.Tty !== true,
        terminal: record.config.Tty === true,
      },
      launcher: nativeLauncher,
    };
    const c = external ? await createWithRuntime(options, external) : await runtimeCreate(options);
    created = true;
    c.shim.unref();
    for (const s of c.shim.stdio) (s as { unref?: () => void } | null)?.unref?.();
    await runtimeStart(ctx.runtimeRoot, record.id);
    Object.assign(record.state, {
      status: 'running',
      pid: c.pid,
      shimPid: c.shim.pid,
      exitCode: 0,
      error: '',
      oomKilled: false,
      startedAt: nowRfc3339Nano(),
      hasBeenStarted: true,
    });
    await ctx.store.save(record);
    ctx.hooks.watch(record);
    emit(ctx, record, 'start');
  } catch (err) {
    if (created) await runtimeDelete(ctx.runtimeRoot, record.id, { force: true }).catch(() => {});
    await unmountVolumes(ctx, record);
    await ctx.rootfs.release(rootfs).catch(() => {});
    const message = err instanceof Error ? err.message : String(err);
    record.state.error = message;
    record.state.exitCode = startFailureCode(message);
    await ctx.store.save(record);
    ctx.waiters.startFailed(record.id);
    throw err;
  }
}
