import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { Conflict } from '../errors.js';

/** The held locks of one daemon; `release()` frees them and removes the pid file. */
export interface DaemonLock {
  pidFile: string;
  release(): Promise<void>;
}

/**
 * Holds `dirs` (the root and the exec root) for this process, as flock(2) would: each directory's lock
 * is a listening socket in the abstract namespace, named by a hash of its real path. The kernel frees
 * it when the process dies in any way (kill -9 included), so a stale lock cannot exist; a stale pid
 * file of a dead shipd is simply overwritten. The lock socket answers a connection with the holder's
 * pid, so a directory held by a live shipd is a Conflict that names it.
 */
export async function takeDaemonLock(dirs: readonly string[], pidFile: string): Promise<DaemonLock> {
  const held: Server[] = [];
  try {
    for (const dir of dirs) {
      mkdirSync(dir, { recursive: true });
      held.push(await holdAbstract(dir));
    }
  } catch (err) {
    await Promise.all(held.map(closeServer));
    throw err;
  }
  writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o644 });
  return {
    pidFile,
    release: async () => {
      if (readPid(pidFile) === process.pid) unlinkSync(pidFile);
      await Promise.all(held.map(closeServer));
    },
  };
}

/** `\0shipd-lock:<sha256 of the real path>`: one name per directory, whatever path spelled it. */
export function lockName(dir: string): string {
  return `\0shipd-lock:${createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32)}`;
}

function holdAbstract(dir: string): Promise<Server> {
  const name = lockName(dir);
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end(`${process.pid}\n`));
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EADDRINUSE') return reject(err);
      holderPid(name).then((pid) =>
        reject(new Conflict(`${dir} is in use by another shipd${pid ? ` (pid ${pid})` : ''}`)),
      );
    });
    server.listen({ path: name }, () => {
      server.unref();
      resolve(server);
    });
  });
}

/** Asks the lock's holder for its pid (bounded to one second). */
function holderPid(name: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const socket = connect({ path: name });
    const timer = setTimeout(() => socket.destroy(), 1000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(/^\d+$/.test(text.trim()) ? text.trim() : undefined);
    });
    socket.on('error', () => undefined);
  });
}

export function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
