import { spawnExec } from '../runtime/lifecycle/exec.js';
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
      try {
        process.kill(started.pid, 'SIGKILL');
      } catch {
        // already gone
      }
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
