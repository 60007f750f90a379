import { readdirSync } from 'node:fs';
import { spawnExec } from '../runtime/lifecycle/exec.js';
import { statFields } from '../runtime/state/process-info.js';
import { limitOutput } from './health.js';
import type { ProbeOutcome, ProbeRunner } from './health-monitor.js';

/**
 * The probe runner of the health monitors: `args` run as an exec in the container (the runtime's exec,
 * with the container's own process settings: user, env, cwd), stdout and stderr kept together; at the
 * timeout or on abort the process is killed and the runner resolves once it is gone.
 */
export function execProbeRunner(runtimeRoot: string): ProbeRunner {
  return async (id, args, timeoutMs, signal): Promise<ProbeOutcome> => {
    if (signal.aborted) return { exitCode: -1, output: '', timedOut: true };
    const started = await spawnExec(runtimeRoot, id, { args, stdio: ['ignore', 'pipe', 'pipe'] });
    started.shim.unref();
    const chunks: Buffer[] = [];
    for (const s of [started.shim.stdout, started.shim.stderr]) s?.on('data', (b: Buffer) => chunks.push(b));
    let timedOut = false;
    const kill = () => {
      timedOut = true;
      killTree(started.pid);
    };
    const timer = setTimeout(kill, timeoutMs);
    timer.unref();
    signal.addEventListener('abort', kill, { once: true });
    try {
      const exitCode = await started.exit;
      return { exitCode, output: limitOutput(chunks), timedOut };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', kill);
    }
  };
}

/** The parent pid of each process on the host (from /proc/PID/stat; the name may hold spaces or parens). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = statFields(name)?.[1];
    if (ppid !== undefined) out.set(Number(name), Number(ppid)); // else gone meanwhile
  }
  return out;
}

/**
 * SIGKILLs `pid` and every process under it: a shell probe's children (`sh -c 'sleep 10'` forks) would
 * otherwise outlive it, reparented to the container's init, and keep its output pipe open.
 */
export function killTree(pid: number): void {
  const ppids = parents();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    for (const [child, parent] of ppids) if (parent === tree[i] && !tree.includes(child)) tree.push(child);
  for (const p of tree) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
