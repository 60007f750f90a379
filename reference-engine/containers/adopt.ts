import { readdirSync } from 'node:fs';
import { deleteContainer as runtimeDelete } from '../runtime/index.js';
import { currentStatus } from '../runtime/state/current-status.js';
import { readState } from '../runtime/state/state-dir.js';
import { unmount } from '../storage/mount.js';
import { type Ctx, rootfsDir } from './context.js';
import { rollbackCreate } from './create.js';
import { type AfterExit, handleExit } from './handle-exit.js';
import { finishRemove } from './remove.js';
import { restartAtBoot } from './restart-policy.js';
import { mountVolumes } from './run-process.js';
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
    ctx.store.removeDir(id);
  }
  const known = new Set(records.map((r) => r.id));
  for (const id of readdirSafe(ctx.runtimeRoot))
    if (/^[0-9a-f]{64}$/.test(id) && !known.has(id))
      await runtimeDelete(ctx.runtimeRoot, id, { force: true }).catch(() => {});
  const out: Adopted[] = [];
  for (const record of records) {
    if (record.creating) {
      await unmount(rootfsDir(ctx, record.id)).catch(() => {});
      await rollbackCreate(ctx, record, true, { anonymous: record.anonymousVolumes, created: [] });
      continue;
    }
    ctx.table.add(record);
    if (record.removing) {
      await finishRemove(ctx, record, record.removeVolumes === true);
      continue;
    }
    const after = await adoptOne(ctx, record);
    if (after.kind !== 'none') out.push({ record, after });
  }
  return out;
}

async function adoptOne(ctx: Ctx, record: ContainerRecord): Promise<AfterExit | { kind: 'start' }> {
  const s = record.state;
  if (s.status === 'running' || s.status === 'paused') {
    const rt = await readState(ctx.runtimeRoot, record.id).catch(() => undefined);
    const live = rt ? await currentStatus(ctx.runtimeRoot, rt) : 'stopped';
    if (rt && (live === 'running' || live === 'paused')) {
      s.status = live;
      s.pid = rt.pid;
      ctx.store.save(record);
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
