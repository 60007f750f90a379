import { readFile, stat } from 'node:fs/promises';
import { pidsHoldingSocket, type TcpListener, tcpListenersOf, unixListenerInode } from './proc-net.js';

/** What a daemon behind a unix socket exposes: the socket's mode and owner, its pids, their TCP listeners. */
export interface Exposure {
  readonly socket: string;
  /** Permission bits, e.g. 0o660. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Processes holding the listening socket (the daemon; a socket-activating parent too). */
  readonly pids: readonly number[];
  /** TCP listeners of those processes, with the command line of the one holding each. */
  readonly tcp: readonly (TcpListener & { readonly pid: number; readonly cmdline: string })[];
}

/** Looks at the listening unix socket at `path` and the processes behind it. */
export async function exposureOf(path: string): Promise<Exposure> {
  const st = await stat(path);
  const inode = await unixListenerInode(path);
  const pids = inode === undefined ? [] : await pidsHoldingSocket(inode);
  const tcp: Exposure['tcp'][number][] = [];
  for (const pid of pids) {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''))
      .split('\0')
      .join(' ')
      .trim();
    for (const l of await tcpListenersOf(pid)) tcp.push({ ...l, pid, cmdline });
  }
  return { socket: path, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, pids, tcp };
}

/**
 * What is wrong with an exposure: a socket others may write to (connect needs write permission), one
 * not owned by root, no process found behind it, or a TCP listener the daemon's command line does not
 * ask for (`tcp://` or `:PORT` in it).
 */
export function exposureProblems(e: Exposure): string[] {
  const problems: string[] = [];
  if ((e.mode & 0o002) !== 0) problems.push(`${e.socket} is writable by others (mode ${e.mode.toString(8)})`);
  if (e.uid !== 0) problems.push(`${e.socket} is owned by uid ${e.uid}, not root`);
  if (e.pids.length === 0) problems.push(`no process found holding the listening socket ${e.socket}`);
  for (const l of e.tcp) {
    const configured = l.cmdline.includes('tcp://') || l.cmdline.includes(`:${l.port}`);
    if (!configured)
      problems.push(
        `pid ${l.pid} (${l.cmdline.slice(0, 80)}) listens on TCP ${l.address}:${l.port}, not configured on its command line`,
      );
  }
  return problems;
}
