import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Mount points at or below `dir` in /proc/self/mountinfo text, deepest (last mounted) first. */
export function mountsUnder(mountinfo: string, dir: string): string[] {
  const out: string[] = [];
  for (const line of mountinfo.split('\n')) {
    const field = line.split(' ')[4];
    if (!field) continue;
    const point = field.replace(/\\([0-7]{3})/g, (_, o: string) =>
      String.fromCharCode(Number.parseInt(o, 8)),
    );
    if (point === dir || point.startsWith(`${dir}/`)) out.push(point);
  }
  return out.reverse();
}

/** Pids (not ours) whose command line mentions `dir`: shims and conmons our daemons left behind. */
export function pidsMentioning(dir: string, procRoot = '/proc'): number[] {
  const out: number[] = [];
  for (const name of readdirSync(procRoot).filter((d) => /^\d+$/.test(d))) {
    const pid = Number(name);
    if (pid === process.pid) continue;
    try {
      const cmd = readFileSync(join(procRoot, name, 'cmdline'), 'utf8');
      if (cmd.includes(dir)) out.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const interrupts = new Set<() => void>();
const onSignal = (signal: NodeJS.Signals) => {
  for (const f of [...interrupts]) {
    try {
      f();
    } catch {
      // best effort: go on with the others
    }
  }
  process.exit(signal === 'SIGINT' ? 130 : 143);
};

/** Runs `f` (synchronous) if the process is interrupted while registered; returns the unregister. */
export function onInterrupt(f: () => void): () => void {
  if (interrupts.size === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  interrupts.add(f);
  return () => {
    interrupts.delete(f);
    if (interrupts.size === 0) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  };
}

/**
 * A temporary directory for one contender. Lifecycle: `makeScratch()` -> daemons and mounts inside it
 * -> `dispose()`: SIGKILLs leftover processes naming it, unmounts everything below it, deletes it.
 * On SIGINT/SIGTERM the same happens synchronously before the process exits.
 */
export interface Scratch {
  readonly dir: string;
  dispose(): Promise<void>;
}

export async function makeScratch(parent: string, prefix: string): Promise<Scratch> {
  const dir = await mkdtemp(join(parent, prefix));
  const killLeftovers = () => {
    for (const pid of pidsMentioning(dir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  const off = onInterrupt(() => {
    killLeftovers();
    for (const m of mountsUnder(readFileSync('/proc/self/mountinfo', 'utf8'), dir)) {
      try {
        execFileSync('umount', ['-l', m], { timeout: 10_000, stdio: 'ignore' });
      } catch {
        // not mounted any more
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    async dispose() {
      killLeftovers();
      const info = await readFile('/proc/self/mountinfo', 'utf8');
      for (const m of mountsUnder(info, dir)) {
        await run('umount', [m], { timeout: 30_000 }).catch(() =>
          run('umount', ['-l', m], { timeout: 30_000 }).catch(() => undefined),
        );
      }
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
      off();
    },
  };
}

/** A btrfs filesystem on a sparse loop file `dir/btrfs.img`, mounted on `dir/mnt`; unmounted by dispose. */
export async function mountBtrfsLoop(dir: string, bytes: number): Promise<string> {
  const image = join(dir, 'btrfs.img');
  const mnt = join(dir, 'mnt');
  await run('mkdir', ['-p', mnt]);
  await run('truncate', ['-s', String(bytes), image], { timeout: 10_000 });
  await run('mkfs.btrfs', ['-q', image], { timeout: 60_000 });
  await run('mount', ['-o', 'loop', image, mnt], { timeout: 30_000 });
  return mnt;
}
