import { readdir, readFile, readlink, realpath } from 'node:fs/promises';
import { join } from 'node:path';

export type PidLookup =
  | { readonly pid: number; readonly source: string }
  | { readonly pid?: undefined; readonly note: string };

/** Inodes of listening sockets bound to any of `paths`, from the text of /proc/net/unix. */
export function listeningInodes(netUnix: string, paths: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const line of netUnix.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // Num RefCount Protocol Flags Type St Inode Path; flag 0x10000 = __SO_ACCEPTCON (listening).
    const [flags, inode, path] = [f[3], f[6], f[7]];
    if (!flags || !inode || !path || !paths.has(path)) continue;
    if ((Number.parseInt(flags, 16) & 0x10000) !== 0) out.add(inode);
  }
  return out;
}

const canonical = async (p: string): Promise<string> => realpath(p).catch(() => p);

/** The pid holding a listening unix socket at `socketPath` (scans /proc/<pid>/fd), or undefined. */
export async function socketOwnerPid(socketPath: string, procRoot = '/proc'): Promise<number | undefined> {
  const netUnix = await readFile(join(procRoot, 'net', 'unix'), 'utf8').catch(() => '');
  const real = await canonical(socketPath);
  const paths = new Set([socketPath, real, real.replace(/^\/run\//, '/var/run/')]);
  const inodes = listeningInodes(netUnix, paths);
  if (inodes.size === 0) return undefined;
  const links = new Set([...inodes].map((i) => `socket:[${i}]`));
  const pids = (await readdir(procRoot).catch(() => [] as string[])).filter((d) => /^\d+$/.test(d));
  for (const pid of pids.slice(0, 100_000)) {
    const fds = await readdir(join(procRoot, pid, 'fd')).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(join(procRoot, pid, 'fd', fd)).catch(() => '');
      if (links.has(target)) return Number(pid);
    }
  }
  return undefined;
}

/** Peers started by scripts/peers.sh leave their pid in /run/shipshape-peers/<name>.pid. */
export async function peerPidFile(name: string, dir = '/run/shipshape-peers'): Promise<number | undefined> {
  const text = await readFile(join(dir, `${name}.pid`), 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The daemon behind a unix socket: its owner, else the peers pid file, else a note saying why not. */
export async function findDaemonPid(
  socketPath: string,
  peerName: string,
  o: { procRoot?: string; peersDir?: string } = {},
): Promise<PidLookup> {
  const owner = await socketOwnerPid(socketPath, o.procRoot);
  if (owner !== undefined) return { pid: owner, source: `owner of ${socketPath}` };
  const fromFile = await peerPidFile(peerName, o.peersDir);
  if (fromFile !== undefined) return { pid: fromFile, source: `/run/shipshape-peers/${peerName}.pid` };
  return { note: `daemon pid not found (no process holds ${socketPath}, no ${peerName}.pid); skipped` };
}
