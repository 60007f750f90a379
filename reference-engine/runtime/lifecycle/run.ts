import { containerDir, readExit } from '../state/state-dir.js';
import { type CreateOptions, createContainer } from './create.js';
import { deleteContainer } from './delete.js';
import { shimExit } from './spawn-shim.js';
import { startContainer } from './start.js';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

export interface RunOptions extends CreateOptions {
  readonly detach?: boolean;
  /** Foreground: pass these signals received by this process on to the container (the CLI does). */
  readonly forwardSignals?: boolean;
}

/**
 * `run`: create + start. Detached, returns once running (exit status 0); otherwise waits for the
 * container to exit, deletes it and returns its exit status (code, or 128 + signal).
 */
export async function runContainer(opts: RunOptions): Promise<number> {
  const created = await createContainer(opts);
  try {
    await startContainer(opts.root, opts.id);
  } catch (err) {
    await deleteContainer(opts.root, opts.id, { force: true }).catch(() => {});
    throw err;
  }
  if (opts.detach) {
    created.shim.unref();
    return 0;
  }
  const forward = (sig: NodeJS.Signals) => {
    try {
      process.kill(created.pid, sig);
    } catch {
      // already gone
    }
  };
  if (opts.forwardSignals) for (const sig of FORWARDED) process.on(sig, forward);
  try {
    const code = await shimExit(created.shim);
    const recorded = await readExit(containerDir(opts.root, opts.id));
    await deleteContainer(opts.root, opts.id, { force: true });
    return recorded?.code ?? code;
  } finally {
    for (const sig of FORWARDED) process.off(sig, forward);
  }
}
