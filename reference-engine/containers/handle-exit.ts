import { statSync } from 'node:fs';
import { join } from 'node:path';
import { recordedExit, deleteContainer as runtimeDelete } from '../runtime/index.js';
import { waitGone } from '../runtime/lifecycle/wait-gone.js';
import { readState } from '../runtime/state/state-dir.js';
import { type Ctx, emit, nowRfc3339Nano, rootfsDir, runtimeDir } from './context.js';
import { oomKilled } from './oom.js';
import { decideRestart } from './restart-policy.js';
import { unmountVolumes } from './run-process.js';
import type { ContainerRecord } from './types.js';

/** What happens after an exit: a policy restart after `delayMs`, an automatic removal, or nothing. */
export type AfterExit = { kind: 'restart'; delayMs: number } | { kind: 'remove' } | { kind: 'none' };

/** Exit code when the shim vanished without recording one (killed, or the host rebooted). */
export const UNKNOWN_EXIT = 255;

/** What the runtime recorded of an exit. */
export interface RuntimeExit {
  code: number;
  oom: boolean;
  finishedAt?: string;
}

/**
 * Tears down the runtime side of an exited container: its state (cgroups, shim files) and rootfs mount.
 * `keep` runs once the exit is read and before the runtime's record of it is deleted.
 */
export async function cleanupRuntime(
  ctx: Ctx,
  record: ContainerRecord,
  keep?: (exit: RuntimeExit) => Promise<void>,
): Promise<RuntimeExit> {
  const exit = await recordedExit(ctx.runtimeRoot, record.id).catch(() => undefined);
  const rt = await readState(ctx.runtimeRoot, record.id).catch(() => undefined);
  // The shim writes its last log line and exits right after recording: let it finish (bounded).
  if (rt?.shimPid) await waitGone(rt.shimPid, rt.shimStartTime, 2000);
  const oom = oomKilled(rt?.cgroupDirs ?? []);
  const finishedAt = exitTime(runtimeDir(ctx, record.id));
  const code = exit?.code ?? UNKNOWN_EXIT;
  await keep?.({ code, oom, finishedAt });
  if (rt) await runtimeDelete(ctx.runtimeRoot, record.id, { force: true }).catch(() => {});
  await unmountVolumes(ctx, record);
  if (ctx.rootfs.held(rootfsDir(ctx, record.id)))
    await ctx.rootfs.release(rootfsDir(ctx, record.id)).catch(() => {});
  return { code, oom, finishedAt };
}

/** When the shim recorded the exit (the `exit` file's mtime), so an exit seen late keeps its real time. */
function exitTime(stateDir: string): string | undefined {
  try {
    const st = statSync(join(stateDir, 'exit'), { bigint: true });
    const ns = st.mtimeNs;
    const iso = new Date(Number(ns / 1_000_000n)).toISOString();
    return `${iso.slice(0, 19)}.${String(ns % 1_000_000_000n).padStart(9, '0')}Z`;
  } catch {
    return undefined;
  }
}

/**
 * A running container's process is gone: record the exit (dockerd's State), emit `die`, wake the
 * waiters, then say what the restart policy and AutoRemove ask for (the manager schedules it).
 */
export async function handleExit(ctx: Ctx, record: ContainerRecord): Promise<AfterExit> {
  // The exit goes on disk before the runtime state holding it is deleted: a daemon killed in between
  // (the wait already answered) finds the code on its next start instead of an unknown exit.
  const cleaned = await cleanupRuntime(ctx, record, (exit) =>
    ctx.store.save({
      ...record,
      state: {
        ...record.state,
        status: 'exited',
        pid: 0,
        shimPid: undefined,
        exitCode: exit.code,
        oomKilled: exit.oom,
        finishedAt: exit.finishedAt ?? nowRfc3339Nano(),
      },
    }),
  );
  const { code, oom } = cleaned;
  const finishedAt = cleaned.finishedAt ?? nowRfc3339Nano();
  const ranMs = Date.parse(finishedAt) - Date.parse(record.state.startedAt);
  const decision = decideRestart({
    policy: record.hostConfig.RestartPolicy,
    exitCode: code,
    manuallyStopped: record.state.manuallyStopped,
    restartCount: record.restartCount,
    ranMs: Number.isNaN(ranMs) ? 0 : ranMs,
    previousDelayMs: ctx.backoff.get(record.id) ?? 0,
  });
  // A stop (or a kill with the stop signal) through the API cancels every policy until the next start.
  const restart = decision.restart && !ctx.exitOnNext.has(record.id) && !record.removing;
  ctx.exitOnNext.delete(record.id);
  Object.assign(record.state, {
    status: restart ? 'restarting' : 'exited',
    pid: 0,
    shimPid: undefined,
    exitCode: code,
    oomKilled: oom,
    finishedAt,
  });
  // Waiters wake with the state change itself: a next-exit wait registered once the exit is visible
  // (a not-running wait answered from the record) must not be woken by this same exit.
  if (oom) emit(ctx, record, 'oom');
  emit(ctx, record, 'die', { exitCode: String(code) });
  ctx.waiters.exited(record.id, { StatusCode: code, Error: null });
  await ctx.store.save(record);
  if (restart) {
    ctx.backoff.set(record.id, decision.delayMs);
    return { kind: 'restart', delayMs: decision.delayMs };
  }
  ctx.backoff.delete(record.id);
  return record.hostConfig.AutoRemove && !record.removing ? { kind: 'remove' } : { kind: 'none' };
}
