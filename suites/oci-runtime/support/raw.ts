import { type BoundedResult, runBounded } from '../../../core/engines/runtime-cli/exec.js';
import { RUNTIME_CALL_TIMEOUT_MS, session } from './session.js';

/**
 * Runs the runtime binary with the session's global flags and state root plus `args`, exactly as
 * given (no id added, nothing thrown on a non-zero exit): for tests of malformed invocations.
 */
export async function rawRuntime(
  args: readonly string[],
  opts?: { timeoutMs?: number },
): Promise<BoundedResult> {
  const { cli } = session();
  const full = [...(cli.endpoint.args ?? []), '--root', cli.stateRoot, ...args];
  return runBounded(cli.endpoint.address, full, {
    what: `${cli.name} ${args[0] ?? ''}`,
    timeoutMs: opts?.timeoutMs ?? RUNTIME_CALL_TIMEOUT_MS,
    stdout: 'pipe',
    stderr: 'pipe',
  });
}
