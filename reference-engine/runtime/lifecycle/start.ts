import { constants, openSync, unlinkSync } from 'node:fs';
import { Socket } from 'node:net';
import { Conflict, DeadlineExceeded, InvalidArgument } from '../../errors.js';
import { runHooks } from '../hooks/run-hooks.js';
import { currentStatus } from '../state/current-status.js';
import { processAlive } from '../state/process-info.js';
import { containerDir, fifoPath, readState, writeState } from '../state/state-dir.js';
import { assertCan, assertTransition } from '../state/status.js';
import { runtimeOps } from './external-runtime.js';
import { killContainer } from './kill.js';
import { stateDocument } from './state.js';

const FIFO_TIMEOUT_MS = 70_000; // startContainer hooks run meanwhile (60 s default timeout each)

/**
 * Opens the exec fifo (which unblocks the init's open for writing) and waits, event-driven, for what
 * the init writes: "0" (it will exec; returned at once) or "E" + why (returned at EOF). An immediate
 * EOF with nothing read means the init has not opened its end yet, or is gone: the caller decides.
 */
function readFifo(fifo: string, deadline: number): Promise<string> {
  const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const sock = new Socket({ fd, readable: true, writable: false });
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (err?: Error) => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(text);
    };
    const timer = setTimeout(
      () => finish(new DeadlineExceeded('start: waiting for the container init', FIFO_TIMEOUT_MS)),
      Math.max(0, deadline - Date.now()),
    );
    sock.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.startsWith('0')) finish();
    });
    sock.on('end', () => finish());
    sock.on('error', (err) => finish(err));
  });
}

/** Releases the init to run startContainer hooks and exec; bounded, never blocking the event loop. */
async function releaseInit(fifo: string, pid: number, startTime: string | undefined): Promise<void> {
  const deadline = Date.now() + FIFO_TIMEOUT_MS;
  try {
    for (let i = 0; i < 100_000; i++) {
      const text = await readFifo(fifo, deadline);
      if (text.startsWith('0')) return;
      if (text !== '') throw new InvalidArgument(text.slice(1) || 'container init failed before exec');
      if (!processAlive(pid, startTime)) throw new Conflict('container init exited before start');
      if (Date.now() >= deadline)
        throw new DeadlineExceeded('start: waiting for the container init', FIFO_TIMEOUT_MS);
      await new Promise((r) => setTimeout(r, 1)); // between its "ready" report and its open()
    }
  } finally {
    unlinkSync(fifo);
  }
}

/** `start`: releases a created container's init to exec the user process, then runs poststart hooks. */
export async function startContainer(root: string, id: string): Promise<void> {
  const s = await readState(root, id);
  const status = await currentStatus(root, s);
  assertCan(id, 'start', status);
  if (s.runtime) await runtimeOps.start(s.runtime, id);
  else await releaseInit(fifoPath(containerDir(root, id)), s.pid, s.pidStartTime);
  assertTransition(id, status, 'running');
  s.status = 'running';
  // Only an external runtime's container needs 'running' on record ('created' is all that tells it
  // from a started one); ours is read from what is observable (currentStatus: the exec fifo is gone
  // once released), so its write is skipped: the slowest file operation of a start (a rename, 0.7 ms).
  if (s.runtime) await writeState(containerDir(root, id), s);
  try {
    await runHooks('poststart', s.hooks?.poststart, JSON.stringify(stateDocument(s, 'running')));
  } catch (err) {
    await killContainer(root, id, 'KILL', { all: true }).catch(() => {});
    throw err;
  }
}
