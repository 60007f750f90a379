import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DockerApiClient } from '../../../core/engines/docker-api/client.js';
import { pollFor, waitFor } from '../../../core/wait-for.js';
import { processesMentioning } from '../../runtime/testing/leftovers.js';
import { unmount } from '../../storage/mount.js';

/** The built daemon (npm run build): these tests run it as a real process, as users do. */
export const SHIPD_MAIN = resolve(import.meta.dirname, '../../../dist/reference-engine/daemon/main.js');
export const IS_ROOT = process.getuid?.() === 0;

/** Why shipd cannot run here ('' when it can): root, and the built daemon. */
export function whyNoShipd(): string {
  if (!IS_ROOT) return 'shipd needs root';
  if (!existsSync(SHIPD_MAIN)) return 'shipd is not built (npm run build)';
  return '';
}

/** A scratch place for one daemon: ROOT, EXEC_ROOT, its socket and its log, under one temp dir. */
export interface ShipdDirs {
  dir: string;
  root: string;
  run: string;
  sock: string;
  log: string;
}

export function shipdDirs(prefix = 'shipd-test-'): ShipdDirs {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    root: join(dir, 'root'),
    run: join(dir, 'run'),
    sock: join(dir, 'run', 'shipd.sock'),
    log: join(dir, 'shipd.log'),
  };
}

export interface ShipdOptions {
  liveRestore?: boolean;
  driver?: 'overlay' | 'vfs';
  /** Connections the client may open at once (default 8). */
  connections?: number;
  /** More flags for shipd, e.g. ['--add-runtime', 'runc=/usr/sbin/runc']. */
  args?: readonly string[];
}

/**
 * One shipd process on scratch dirs, started from the built main.js with its output appended to
 * dirs.log, and a client on its socket. Lifecycle:
 *
 *   const dirs = shipdDirs();
 *   const shipd = await ShipdProcess.start(dirs, { liveRestore: true });
 *   await shipd.api.containers.create(...);
 *   await shipd.kill9();                     // or: await shipd.stop() (SIGTERM, its exit code)
 *   const again = await ShipdProcess.start(dirs, { liveRestore: true });   // same root
 *   ...; await again.stop(); await scrubShipd(dirs);   // kills leftovers, unmounts, removes the dir
 */
export class ShipdProcess {
  readonly api: DockerApiClient;
  readonly pid: number;

  private constructor(
    readonly dirs: ShipdDirs,
    readonly child: ChildProcess,
    opts: ShipdOptions,
  ) {
    this.pid = child.pid as number;
    this.api = new DockerApiClient(`unix://${dirs.sock}`, {
      timeoutMs: 60_000,
      connections: opts.connections,
    });
  }

  static async start(dirs: ShipdDirs, opts: ShipdOptions = {}): Promise<ShipdProcess> {
    const args = [SHIPD_MAIN, '--root', dirs.root, '--exec-root', dirs.run, '-H', `unix://${dirs.sock}`];
    args.push('--storage-driver', opts.driver ?? 'overlay');
    if (opts.liveRestore) args.push('--live-restore');
    args.push(...(opts.args ?? []));
    const out = openSync(dirs.log, 'a');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, args, { stdio: ['ignore', out, out] });
    } finally {
      closeSync(out);
    }
    const shipd = new ShipdProcess(dirs, child, opts);
    live.add(shipd);
    child.once('exit', () => live.delete(shipd));
    await waitFor(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`shipd exited: ${lastLines(dirs.log)}`);
        return (await shipd.pings(1000)) || undefined;
      },
      { timeoutMs: 30_000, intervalMs: 50, describe: 'shipd to answer _ping', retry: () => true },
    );
    return shipd;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** `_ping` answered 200 within `timeoutMs`, on a connection of its own (closed after). */
  async pings(timeoutMs = 1000): Promise<boolean> {
    const client = new DockerApiClient(`unix://${this.dirs.sock}`, { timeoutMs });
    try {
      const res = await client.raw('GET', '/_ping', { versioned: false, timeoutMs });
      return res.status === 200;
    } catch {
      return false;
    } finally {
      await client.close();
    }
  }

  /** Open descriptors of the daemon process. */
  fdCount(): number {
    return readdirSync(`/proc/${this.pid}/fd`).length;
  }

  /** The daemon's descriptors by what they are (`socket`, `pipe`, a path with `<id>` for ids), counted. */
  fdKinds(): Record<string, number> {
    const kinds: Record<string, number> = {};
    for (const fd of readdirSync(`/proc/${this.pid}/fd`)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${this.pid}/fd/${fd}`)
          .replace(/:\[\d+\]$/, '')
          .replace(/[0-9a-f]{64}/g, '<id>');
      } catch {
        continue; // closed meanwhile
      }
      kinds[target] = (kinds[target] ?? 0) + 1;
    }
    return kinds;
  }

  /** SIGKILL, as a crash: nothing of shipd's shutdown runs. */
  async kill9(): Promise<void> {
    await this.api.close();
    if (this.running) {
      const exited = once(this.child, 'exit');
      this.child.kill('SIGKILL');
      await exited;
    }
  }

  /** A signal (default SIGTERM) and the exit: its code, or the signal that ended it. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 60_000): Promise<number | string> {
    await this.api.close();
    if (this.running) {
      const exited = once(this.child, 'exit');
      this.child.kill(signal);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
      await exited.finally(() => clearTimeout(timer));
    }
    return this.child.exitCode ?? this.child.signalCode ?? -1;
  }
}

const live = new Set<ShipdProcess>();

function lastLines(log: string): string {
  try {
    return readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Mount points at or below `dir` (mountinfo's fifth field), deepest first. */
export function mountsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) =>
      (l.split(' ')[4] ?? '').replace(/\\([0-7]{3})/g, (_, o: string) =>
        String.fromCharCode(Number.parseInt(o, 8)),
      ),
    )
    .filter((m) => m === dir || m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

/** Processes other than `except` whose command line mentions `needle` (shims carry their state dir). */
export function processesWith(needle: string, except: readonly number[] = []): number[] {
  return processesMentioning(needle).filter((p) => p !== process.pid && !except.includes(p));
}

/** Every cgroup directory at or below `/<parent>` in every hierarchy (tests give containers a CgroupParent). */
export function cgroupsUnder(parent: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    out.push(dir);
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(join(dir, e.name));
  };
  for (const h of readdirSync('/sys/fs/cgroup')) {
    const top = join('/sys/fs/cgroup', h, parent);
    if (existsSync(top)) walk(top);
  }
  return out;
}

/** The container cgroups (not the parent itself) under `/<parent>`. */
export const containerCgroups = (parent: string): string[] =>
  cgroupsUnder(parent).filter((d) => /\/[0-9a-f]{64}$/.test(d));

/**
 * After a test, whatever happened: the daemons it started killed, every process still naming the
 * dir killed (shims, containers' inits), every mount under it undone, the cgroups under `cgroupParent`
 * removed, and the dir removed.
 */
export async function scrubShipd(dirs: ShipdDirs, cgroupParent?: string): Promise<void> {
  for (const shipd of [...live]) if (shipd.dirs.dir === dirs.dir) await shipd.kill9();
  for (const pid of processesWith(dirs.dir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  await pollFor(() => processesWith(dirs.dir).length === 0, {
    timeoutMs: 10_000,
    intervalMs: 50,
    describe: 'leftover processes to go',
  });
  if (cgroupParent) {
    for (const dir of cgroupsUnder(cgroupParent)) {
      // Container processes (not naming the dir) may still be in their cgroup, maybe frozen: thaw, kill.
      try {
        if (existsSync(join(dir, 'freezer.state'))) writeFileSync(join(dir, 'freezer.state'), 'THAWED');
      } catch {
        // gone meanwhile
      }
      const procs = readTextOr(join(dir, 'cgroup.procs'));
      for (const pid of procs.split('\n').filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
    for (const dir of cgroupsUnder(cgroupParent).reverse())
      await pollFor(
        () => {
          try {
            rmdirSync(dir);
            return true;
          } catch (err) {
            return (err as NodeJS.ErrnoException).code === 'ENOENT';
          }
        },
        { timeoutMs: 5000, intervalMs: 50, describe: `cgroup ${dir} to go` },
      );
  }
  for (const m of mountsUnder(dirs.dir)) await unmount(m).catch(() => {});
  rmSync(dirs.dir, { recursive: true, force: true, maxRetries: 3 });
}

function readTextOr(path: string, fallback = ''): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** What a daemon's root holds on disk, for checks after a crash (overlay driver). */
export interface RootContents {
  /** ROOT/containers/<id> directories. */
  containerDirs: string[];
  /** Keys of active (container) snapshots in the overlay driver's metadata. */
  activeSnapshots: string[];
  /** ROOT/storage/overlay/snapshots/<n> directories that no snapshot in the metadata owns. */
  orphanSnapshotDirs: string[];
  /** Snapshots an image unpack made and never committed (`extract-*`). */
  extractSnapshots: string[];
  /** ROOT/volumes/<name>, and leftovers of a cut-off volume create or delete (`.tmp-*`). */
  volumes: string[];
}

export function rootContents(dirs: ShipdDirs): RootContents {
  const ls = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);
  const storage = join(dirs.root, 'storage', 'overlay');
  const meta = JSON.parse(readTextOr(join(storage, 'metadata.json'), '{"snapshots":{}}')) as {
    snapshots: Record<string, { id: string; kind: string }>;
  };
  const records = Object.entries(meta.snapshots);
  const owned = new Set(records.map(([, r]) => r.id));
  return {
    containerDirs: ls(join(dirs.root, 'containers')),
    activeSnapshots: records
      .filter(([key, r]) => r.kind === 'active' && !key.startsWith('extract-'))
      .map(([key]) => key)
      .sort(),
    orphanSnapshotDirs: ls(join(storage, 'snapshots')).filter((n) => !owned.has(n)),
    extractSnapshots: records.filter(([key]) => key.startsWith('extract-')).map(([key]) => key),
    volumes: ls(join(dirs.root, 'volumes')),
  };
}
