import { Conflict } from '../errors.js';
import { resumeContainer, killContainer as runtimeKill } from '../runtime/index.js';
import { type Ctx, emit } from './context.js';
import { SIGKILL } from './signals.js';
import type { ContainerRecord } from './types.js';

/** How long a SIGKILLed container may take to be reaped and handled before we give up waiting. */
const KILL_WAIT_MS = 30_000;

/** Node fires a longer timer at once: a stop timeout past ~24.8 days waits that long instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const sleep = (ms: number) =>
  new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.min(ms, MAX_TIMER_MS)).unref());

/**
 * Sends `signal` to the container's init; a paused container is thawed after a SIGKILL (frozen tasks
 * cannot die). Events in dockerd's order: `unpause` (then), `kill` with the signal number.
 */
export async function signalContainer(ctx: Ctx, record: ContainerRecord, signal: number): Promise<void> {
  try {
    await runtimeKill(ctx.runtimeRoot, record.id, signal, { all: signal === SIGKILL });
  } catch (err) {
    if (!(err instanceof Conflict)) throw err; // already gone: its exit is on its way
  }
  if (signal === SIGKILL && record.state.status === 'paused') {
    await resumeContainer(ctx.runtimeRoot, record.id).catch(() => {});
    emit(ctx, record, 'unpause');
  }
  emit(ctx, record, 'kill', { signal: String(signal) });
}

/**
 * dockerd's stop: `signal`, then SIGKILL after `timeoutSec` (negative: wait for ever), returning once
 * the exit has been handled. The caller holds the container's lock and has checked it runs.
 */
export async function stopProcess(
  ctx: Ctx,
  record: ContainerRecord,
  signal: number,
  timeoutSec: number,
): Promise<void> {
  const exited = ctx.hooks.nextExit(record.id).then(() => 'exited' as const);
  if (signal !== SIGKILL) {
    await signalContainer(ctx, record, signal);
    const first = timeoutSec < 0 ? await exited : await Promise.race([exited, sleep(timeoutSec * 1000)]);
    if (first === 'exited') return;
  }
  if (record.state.status !== 'running' && record.state.status !== 'paused') return;
  await signalContainer(ctx, record, SIGKILL);
  if ((await Promise.race([exited, sleep(KILL_WAIT_MS)])) !== 'exited')
    throw new Error(`container ${record.id} did not exit ${KILL_WAIT_MS / 1000} s after SIGKILL`);
}
