import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { Conflict } from '../../errors.js';
import { checkId, containerDir } from '../state/state-dir.js';

/** Names, in the container's state dir, of the FIFOs the shim makes in log mode. */
export const STDIN_FIFO = 'stdin';
export const RESIZE_FIFO = 'resize';

/** The FIFO whose writers feed the container's stdin (log mode with `stdin`; gone with the shim). */
export function stdinFifoPath(root: string, id: string): string {
  checkId(id);
  return join(containerDir(root, id), STDIN_FIFO);
}

/** The FIFO taking `H W\n` lines for the container's pty (log mode with `terminal`). */
export function resizeFifoPath(root: string, id: string): string {
  checkId(id);
  return join(containerDir(root, id), RESIZE_FIFO);
}

/** Opens FIFO for writing without waiting: Conflict when no shim reads it (ENXIO) or it is gone. */
function openWriter(fifo: string): number {
  try {
    return openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENXIO' || code === 'ENOENT')
      throw new Conflict(`no shim reads ${fifo}: the container is not running`);
    throw err;
  }
}

/**
 * A writable stream into the container's stdin (through the shim). Ending it is the writer's close:
 * with stdinOnce the container's stdin closes, otherwise the next writer may open it.
 */
export function openStdin(root: string, id: string): Socket {
  return new Socket({ fd: openWriter(stdinFifoPath(root, id)), readable: false, writable: true });
}

/** Asks the shim to resize the pty behind FIFO (a container's resizeFifoPath, or an exec's). */
export function writeResize(fifo: string, height: number, width: number): void {
  const fd = openWriter(fifo);
  try {
    writeSync(fd, `${Math.trunc(height)} ${Math.trunc(width)}\n`);
  } finally {
    closeSync(fd);
  }
}
