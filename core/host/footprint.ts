import { existsSync } from 'node:fs';
import { readdir, readFile, rmdir } from 'node:fs/promises';
import { cgroupDirsOf, nsLink, procStat, sameProcessAlive } from './process.js';

/**
 * What one running container holds on the host, taken while it runs, so that after its removal a leak
 * can be told apart from what other users of a shared engine do meanwhile: its processes (the main one
 * and its shim), cgroup directories, network namespace, host mounts and the host side of its veths.
 */
export interface Footprint {
  readonly id: string;
  readonly processes: readonly { pid: number; start: string; comm: string }[];
  readonly cgroups: readonly string[];
  readonly netns?: string;
  /** Host mounts (nsfs) that held that network namespace while it ran: an engine's named netns. */
  readonly netnsMounts: readonly string[];
  /** Substrings a host mount of this container carries: its id, its root's overlay upperdir. */
  readonly mountKeys: readonly string[];
  readonly veths: readonly string[];
}

/** Parents that are a container's own shim (one per container): containerd's, conmon, shiprun's. */
const SHIM = /shim|conmon|shiprun/;

type MountLine = { point: string; text: string };

const hostMounts = async (): Promise<MountLine[]> =>
  (await readFile('/proc/self/mountinfo', 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((text) => ({ point: text.split(' ')[4] ?? '', text }));

/** nsfs mounts of namespace `ns` (`net:[4026531841]`): what keeps a namespace alive without a process. */
const nsfsMountsOf = (mounts: readonly MountLine[], ns: string): MountLine[] =>
  mounts.filter((m) => m.text.includes(' - nsfs ') && m.text.split(' ')[3] === ns);

/** The overlay upperdir of the container's root mount (seen in its own mountinfo), if it has one. */
async function rootUpperdir(pid: number): Promise<string | undefined> {
  const info = await readFile(`/proc/${pid}/mountinfo`, 'utf8').catch(() => '');
  const root = info.split('\n').find((l) => l.split(' ')[4] === '/');
  return /upperdir=([^,\s]+)/.exec(root ?? '')?.[1];
}

/** Host-side interfaces paired with the container's (veths): their peer ifindex read through its /sys. */
async function vethsOf(pid: number): Promise<string[]> {
  const base = `/proc/${pid}/root/sys/class/net`;
  const peers = new Set<string>();
  for (const name of await readdir(base).catch(() => [] as string[])) {
    if (name === 'lo') continue;
    const iflink = (await readFile(`${base}/${name}/iflink`, 'utf8').catch(() => '')).trim();
    const ifindex = (await readFile(`${base}/${name}/ifindex`, 'utf8').catch(() => '')).trim();
    if (iflink !== '' && iflink !== ifindex) peers.add(iflink);
  }
  const names: string[] = [];
  for (const name of await readdir('/sys/class/net').catch(() => [] as string[])) {
    const idx = (await readFile(`/sys/class/net/${name}/ifindex`, 'utf8').catch(() => '')).trim();
    if (peers.has(idx)) names.push(name);
  }
  return names;
}

/** Takes the footprint of container `id` whose main process is host pid `pid` (while it runs). */
export async function takeFootprint(id: string, pid: number): Promise<Footprint> {
  const main = await procStat(pid);
  if (main === undefined) throw new Error(`container ${id}: process ${pid} is gone`);
  const processes = [{ pid, start: main.start, comm: main.comm }];
  const parent = await procStat(main.ppid);
  if (parent && parent.pid > 1 && parent.pid !== process.pid && SHIM.test(parent.comm))
    processes.push({ pid: parent.pid, start: parent.start, comm: parent.comm });
  const upper = await rootUpperdir(pid);
  const netns = await nsLink(pid, 'net');
  const hostNet = await nsLink(process.pid, 'net');
  const ours = new Set(await cgroupDirsOf(process.pid)); // a cgroup the harness is in is not the container's
  const own = netns !== undefined && netns !== hostNet;
  return {
    id,
    processes,
    cgroups: (await cgroupDirsOf(pid)).filter((d) => !ours.has(d)),
    ...(own ? { netns } : {}),
    netnsMounts: own ? nsfsMountsOf(await hostMounts(), netns).map((m) => m.point) : [],
    mountKeys: [id, ...(upper ? [upper] : [])],
    veths: own ? await vethsOf(pid) : [],
  };
}

/**
 * What is left of the given containers, which should all be gone: processes still running, cgroup
 * directories, a network namespace a mount of theirs still holds, host mounts carrying one of their
 * keys, veths. One read of mountinfo for all of them.
 */
export async function leftoversOf(footprints: readonly Footprint[]): Promise<string[]> {
  const left: string[] = [];
  const mounts = await hostMounts();
  for (const f of footprints) {
    for (const p of f.processes)
      if (await sameProcessAlive(p.pid, p.start))
        left.push(`${f.id}: process ${p.pid} (${p.comm}) still runs`);
    for (const dir of f.cgroups) if (existsSync(dir)) left.push(`${f.id}: cgroup ${dir} is still there`);
    // Namespace inodes are reused, so only the mounts that held this one then count (its processes
    // are checked above).
    if (f.netns !== undefined)
      for (const m of nsfsMountsOf(mounts, f.netns).filter((x) => f.netnsMounts.includes(x.point)))
        left.push(`${f.id}: network namespace ${f.netns} is still held by the mount ${m.point}`);
    for (const m of mounts)
      if (f.mountKeys.some((k) => m.text.includes(k))) left.push(`${f.id}: mount ${m.point} is still there`);
    for (const v of f.veths)
      if (existsSync(`/sys/class/net/${v}`)) left.push(`${f.id}: veth ${v} is still there`);
  }
  return left;
}

/**
 * Ends what the given containers left running after a leak was recorded (the test made them): SIGKILL
 * to each of their processes that is still the same process, then removes their empty cgroup
 * directories. Best effort; returns how many processes it killed.
 */
export async function reapLeftovers(footprints: readonly Footprint[]): Promise<number> {
  let killed = 0;
  for (const f of footprints)
    for (const p of f.processes)
      if (await sameProcessAlive(p.pid, p.start)) {
        try {
          process.kill(p.pid, 'SIGKILL');
          killed++;
        } catch {
          // gone meanwhile
        }
      }
  if (killed > 0) await new Promise((r) => setTimeout(r, 200));
  for (const f of footprints) for (const dir of f.cgroups) await rmdir(dir).catch(() => undefined);
  return killed;
}
