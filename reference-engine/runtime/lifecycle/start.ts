import { closeSync, constants, openSync, readSync, unlinkSync } from 'node:fs';
import { TimeoutError } from '../../../harness/errors.js';
import { Conflict, InvalidArgument } from '../../errors.js';
import { runHooks } from '../hooks/run-hooks.js';
import { currentStatus } from '../state/current-status.js';
import { processAlive } from '../state/process-info.js';
import { containerDir, fifoPath, readState, writeState } from '../state/state-dir.js';
import { assertCan, assertTransition } from '../state/status.js';
import { killContainer } from './kill.js';
import { stateDocument } from './state.js';

const FIFO_TIMEOUT_MS = 70_000; // startContainer hooks run meanwhile (60 s default timeout each)

/** Reads what the init writes into the exec fifo: "0" (it will exec) or "E" + why it will not. */
function readRest(fd: number): string {
  const buf = Buffer.alloc(4096);
  let text = '';
  for (let i = 0; i < 64; i++) {
    try {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      text += buf.toString('utf8', 0, n);
    } catch {
      break;
    }
  }
  return text;
}

/** Opens the exec fifo, which lets the init run startContainer hooks and exec; bounded, never blocking. */
async function releaseInit(fifo: string, pid: number, startTime: string | undefined): Promise<void> {
  const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buf = Buffer.alloc(1);
    const deadline = Date.now() + FIFO_TIMEOUT_MS;
    for (let i = 0; i < 10_000_000; i++) {
      try {
        if (readSync(fd, buf, 0, 1, null) === 1) {
          if (buf[0] === 0x30) return;
          await new Promise((r) => setTimeout(r, 20));
          throw new InvalidArgument(readRest(fd) || 'container init failed before exec');
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      }
      if (!processAlive(pid, startTime)) throw new Conflict('container init exited before start');
      if (Date.now() >= deadline)
        throw new TimeoutError('start: waiting for the container init', FIFO_TIMEOUT_MS);
      await new Promise((r) => setTimeout(r, 2));
    }
  } finally {
    closeSync(fd);
    unlinkSync(fifo);
  }
}

/** `start`: releases a created container's init to exec the user process, then runs poststart hooks. */
export async function startContainer(root: string, id: string): Promise<void> {
  const s = await readState(root, id);
  const status = await currentStatus(root, s);
  assertCan(id, 'start', status);
  await releaseInit(fifoPath(containerDir(root, id)), s.pid, s.pidStartTime);
  assertTransition(id, status, 'running');
  s.status = 'running';
  await writeState(containerDir(root, id), s);
  try {
    await runHooks('poststart', s.hooks?.poststart, JSON.stringify(stateDocument(s, 'running')));
  } catch (err) {
    await killContainer(root, id, 'KILL', { all: true }).catch(() => {});
    throw err;
  }
}
