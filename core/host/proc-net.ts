import { readdir, readFile, readlink } from 'node:fs/promises';

/** A listening TCP socket: address and port as the kernel lists them, and the socket's inode. */
export interface TcpListener {
  readonly address: string;
  readonly port: number;
  readonly inode: number;
}

const ACCEPTING = 0x10000; // __SO_ACCEPTCON in /proc/net/unix Flags
const LISTEN = '0A'; // TCP_LISTEN in /proc/net/tcp st

/** The inode of the listening unix socket bound at `path` (from /proc/net/unix), or undefined. */
export async function unixListenerInode(
  path: string,
  procNet = '/proc/net/unix',
): Promise<number | undefined> {
  const text = await readFile(procNet, 'utf8');
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8 || f.slice(7).join(' ') !== path) continue;
    if ((Number.parseInt(f[3] as string, 16) & ACCEPTING) !== 0) return Number(f[6]);
  }
  return undefined;
}

/** The pids whose open files include socket `inode` (scans /proc; processes that vanish are skipped). */
export async function pidsHoldingSocket(inode: number): Promise<number[]> {
  const want = `socket:[${inode}]`;
  const pids: number[] = [];
  for (const pid of await numericEntries('/proc')) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')) === want) {
        pids.push(pid);
        break;
      }
    }
  }
  return pids;
}

/** Socket inodes among a process's open files. */
export async function socketInodes(pid: number): Promise<Set<number>> {
  const out = new Set<number>();
  for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])) {
    const m = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/${pid}/fd/${fd}`).catch(() => ''));
    if (m) out.add(Number(m[1]));
  }
  return out;
}

/** TCP (v4 and v6) sockets in LISTEN state that process `pid` holds, seen in its network namespace. */
export async function tcpListenersOf(pid: number): Promise<TcpListener[]> {
  const mine = await socketInodes(pid);
  const out: TcpListener[] = [];
  for (const table of ['tcp', 'tcp6']) {
    const text = await readFile(`/proc/${pid}/net/${table}`, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== LISTEN) continue;
      const inode = Number(f[9]);
      if (!mine.has(inode)) continue;
      const [hex = '', port = '0'] = (f[1] as string).split(':');
      out.push({ address: decodeAddress(hex), port: Number.parseInt(port, 16), inode });
    }
  }
  return out;
}

/** /proc/net/tcp's little-endian hex address as text (v4 dotted, v6 as 8 hex groups). */
export function decodeAddress(hex: string): string {
  if (hex.length === 8) {
    const b = Buffer.from(hex, 'hex');
    return [b[3], b[2], b[1], b[0]].join('.');
  }
  const words: string[] = [];
  for (let i = 0; i < hex.length; i += 8) {
    const b = Buffer.from(hex.slice(i, i + 8), 'hex');
    const le = Buffer.from([b[3] ?? 0, b[2] ?? 0, b[1] ?? 0, b[0] ?? 0]).toString('hex');
    words.push(le.slice(0, 4), le.slice(4));
  }
  return words.join(':');
}

/** True for 127.0.0.0/8 and ::1 (and v4-mapped loopback). */
export const isLoopback = (address: string): boolean =>
  address.startsWith('127.') ||
  address === '0000:0000:0000:0000:0000:0000:0000:0001' ||
  /^0000:0000:0000:0000:0000:ffff:7f/.test(address);

/** Numeric directory names under `dir` (pids under /proc). */
export async function numericEntries(dir: string): Promise<number[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((n) => /^\d+$/.test(n)).map(Number);
}
