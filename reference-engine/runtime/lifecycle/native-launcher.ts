import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync } from 'node:fs';
import { Socket } from 'node:net';
import { constants as os } from 'node:os';
import { native } from '../../syscalls/index.js';
import type { LaunchedShim, ShimLauncher, ShimProcess } from './spawn-shim.js';

/** A child started by posix_spawn; reaped on SIGCHLD (Node's own reaper only knows its own children). */
class SpawnedChild extends EventEmitter implements ShimProcess {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly stdin = null;
  readonly stdout = null;
  readonly stderr = null;
  readonly stdio = [null, null, null, null, null] as unknown as ChildProcess['stdio'];

  constructor(readonly pid: number) {
    super();
  }

  /** Nothing to let go of: waiting for the exit never keeps the event loop alive. */
  unref(): void {}

  kill(signal: NodeJS.Signals | number = 'SIGTERM'): boolean {
    if (this.exitCode !== null || this.signalCode !== null) return false;
    try {
      process.kill(this.pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  exited(code: number, signal: number): void {
    const name = Object.entries(os.signals).find(([, n]) => n === signal)?.[0] as NodeJS.Signals | undefined;
    if (signal > 0) this.signalCode = name ?? 'SIGKILL';
    else this.exitCode = code;
    this.emit('exit', this.exitCode, this.signalCode);
  }
}

const children = new Map<number, SpawnedChild>();

function reapAll(): void {
  for (const [pid, child] of children) {
    let status: [number, number] | undefined;
    try {
      status = native().reap(pid);
    } catch {
      status = [-1, 0]; // not our child any more (ECHILD): nothing left to wait for
    }
    if (status === undefined) continue;
    children.delete(pid);
    child.exited(status[0], status[1]);
  }
  if (children.size === 0) process.off('SIGCHLD', reapAll);
}

function track(child: SpawnedChild): void {
  if (children.size === 0) process.on('SIGCHLD', reapAll);
  children.set(child.pid, child);
  reapAll(); // it may have exited before the handler was there
}

/**
 * Resolves once `pid` exits when it is a child this process started here and has not reaped yet (its
 * SIGCHLD says when: no polling); undefined for any other pid.
 */
export function childExit(pid: number): Promise<void> | undefined {
  const child = children.get(pid);
  if (!child) return undefined;
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** An fd of a pipe end as a stream (libuv's pipe handle: non-blocking, no thread-pool reads). */
function pipeStream(fd: number, readable: boolean): Socket {
  return new Socket({ fd, readable, writable: !readable });
}

/**
 * Starts the shim with posix_spawn (vfork-like: the cost does not grow with the daemon's RSS, as
 * Node's fork-based spawn does). Only for fds 0-2 given as descriptors or 'ignore': a shim whose
 * stdio is piped to this process goes through Node's spawn.
 */
export const nativeLauncher: ShimLauncher = (file, args, stdio, specFd, extraFds): LaunchedShim => {
  const n = native();
  const fds: number[] = stdio.map((s) => {
    if (s === 'pipe') throw new TypeError('nativeLauncher: piped stdio needs nodeLauncher');
    return s === 'ignore' ? -1 : s;
  });
  const [reportR, reportW] = n.pipe();
  const [controlR, controlW] = n.pipe();
  let pid: number;
  try {
    pid = n.spawn(
      file,
      [file, ...args],
      Int32Array.from([...fds, reportW, controlR, specFd, ...extraFds]),
      true,
    );
  } catch (err) {
    for (const fd of [reportR, reportW, controlR, controlW]) closeSync(fd);
    throw err;
  }
  closeSync(reportW);
  closeSync(controlR);
  const child = new SpawnedChild(pid);
  track(child);
  return { process: child, report: pipeStream(reportR, true), control: pipeStream(controlW, false) };
};
