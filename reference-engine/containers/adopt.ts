import { readdirSync } from 'node:fs';
import { deleteContainer as runtimeDelete, killContainer as runtimeKill } from '../runtime/index.js';
import { currentStatus } from '../runtime/state/current-status.js';
import { readState } from '../runtime/state/state-dir.js';
import { unmount } from '../storage/mount.js';
import { type Ctx, rootfsDir } from './context.js';
import { rollbackCreate } from './create.js';
import { type AfterExit, handleExit } from './handle-exit.js';
import { finishRemove } from './remove.js';
import { restartAtBoot } from './restart-policy.js';
import { mountVolumes } from './run-process.js';
import { SIGKILL } from './signals.js';
import type { ContainerRecord } from './types.js';

/** What adoption decided for one container, for the manager to schedule. */
export interface Adopted {
  record: ContainerRecord;
  after: AfterExit | { kind: 'start' };
}

/**
 * The daemon starts (again): creates cut off by a crash are rolled back, removals finished; containers
 * whose shim still runs are watched again; those that exited meanwhile get their recorded exit code
 * and their restart policy; stopped ones with always/unless-stopped (or on-failure) start again.
 */
export async function adoptAll(ctx: Ctx): Promise<Adopted[]> {
  const { records, orphans } = ctx.store.loadAll();
  for (const id of orphans) {
    await ctx.opts.driver.remove(id).catch(() => {});
    await unmount(rootfsDir(ctx, id)).catch(() => {});
    await ctx.store.removeDir(id);
  }
  const known = new Set(records.map((r) => r.id));
  for (const id of readdirSafe(ctx.runtimeRoot))
    if (/^[0-9a-f]{64}$/.test(id) && !known.has(id))
      await runtimeDelete(ctx.runtimeRoot, id, { force: true }).catch(() => {});
  const out: Adopted[] = [];
  for (const record of records) {
    try {
      const after = await recover(ctx, record);
      if (after && after.kind !== 'none') out.push({ record, after });
    } catch (err) {
      // One container's leftovers never keep the daemon from starting: it stays listed, and a remove
      // (force) tries again. The record on disk keeps its marker for the next start.
      record.removing = undefined;
      process.emitWarning(`container ${record.id}: recovering it at start failed: ${(err as Error).message}`);
    }
  }
  return out;
}

/** One record at start: a cut-off create rolled back, a cut-off removal finished, anything else adopted. */
async function recover(ctx: Ctx, record: ContainerRecord): Promise<Adopted['after'] | undefined> {
  if (record.creating) {
    await unmount(rootfsDir(ctx, record.id)).catch(() => {});
    await rollbackCreate(ctx, record, true, { anonymous: record.anonymousVolumes, created: [] });
    return undefined;
  }
  ctx.table.add(record);
  if (record.removing) {
    // Its process may still run and its rootfs be mounted: killed first (the removal had asked for it),
    // then finishRemove undoes what it holds.
    await runtimeKill(ctx.runtimeRoot, record.id, SIGKILL, { all: true }).catch(() => {});
    ctx.rootfs.adopt(rootfsDir(ctx, record.id));
    await finishRemove(ctx, record, record.removeVolumes === true);
    return undefined;
  }
  return adoptOne(ctx, record);
}

async function adoptOne(ctx: Ctx, record: ContainerRecord): Promise<AfterExit | { kind: 'start' }> {
  const s = record.state;
  if (s.status === 'running' || s.status === 'paused') {
    const rt = await readState(ctx.runtimeRoot, record.id).catch(() => undefined);
    const live = rt ? await currentStatus(ctx.runtimeRoot, rt) : 'stopped';
    if (rt && (live === 'running' || live === 'paused')) {
      s.status = live;
      s.pid = rt.pid;
      await ctx.store.save(record);
      ctx.rootfs.adopt(rootfsDir(ctx, record.id));
      await mountVolumes(ctx, record); // takes its volume references again (a mounted volume is adopted)
      ctx.hooks.watch(record);
      return { kind: 'none' };
    }
    ctx.rootfs.adopt(rootfsDir(ctx, record.id)); // handleExit releases it
    return handleExit(ctx, record);
  }
  // A start cut off by a crash may have left a runtime container (waiting on its exec fifo).
  await runtimeDelete(ctx.runtimeRoot, record.id, { force: true }).catch(() => {});
  await unmount(rootfsDir(ctx, record.id)).catch(() => {});
  if (s.status === 'restarting') return { kind: 'restart', delayMs: ctx.backoff.get(record.id) ?? 100 };
  if (!s.hasBeenStarted) return { kind: 'none' };
  const policy = record.hostConfig.RestartPolicy;
  if (
    restartAtBoot({
      policy,
      exitCode: s.exitCode,
      manuallyStopped: s.manuallyStopped,
      restartCount: record.restartCount,
    })
  )
    return { kind: 'start' };
  return record.hostConfig.AutoRemove ? { kind: 'remove' } : { kind: 'none' };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
