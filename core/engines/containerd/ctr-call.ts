import type { Readable } from 'node:stream';
import { EngineError } from '../../errors.js';
import { type BoundedResult, type OutputTarget, runBounded } from '../runtime-cli/exec.js';

/** How to reach ctr and containerd; shared by every operation module. */
export interface CtrTarget {
  readonly ctrPath: string;
  readonly socket: string;
  readonly namespace: string;
  readonly timeoutMs: number;
}

export interface CtrCallOptions {
  readonly timeoutMs?: number;
  readonly stdout?: OutputTarget;
  readonly input?: Uint8Array | Readable;
  /** Return the result instead of throwing on a non-zero exit. */
  readonly allowFailure?: boolean;
}

/** The message ctr printed: its last `ctr: ...` line, else the last non-empty stderr line. */
export function ctrMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const tagged = lines.filter((l) => l.startsWith('ctr: ')).pop();
  return tagged?.slice('ctr: '.length) ?? lines.pop() ?? 'no message';
}

/** Runs `ctr -a SOCK -n NS --connect-timeout ... ARGS` within the deadline; non-zero exit -> EngineError. */
export async function ctrCall(
  t: CtrTarget,
  args: readonly string[],
  opts?: CtrCallOptions,
): Promise<BoundedResult> {
  const timeoutMs = opts?.timeoutMs ?? t.timeoutMs;
  const connect = `${Math.max(1, Math.min(10, Math.floor(timeoutMs / 2000)))}s`;
  const what = `ctr ${args.slice(0, 2).join(' ')}`;
  const full = ['-a', t.socket, '-n', t.namespace, '--connect-timeout', connect, ...args];
  const r = await runBounded(t.ctrPath, full, { what, timeoutMs, stdout: opts?.stdout, input: opts?.input });
  if (r.exitCode !== 0 && !opts?.allowFailure) throw new EngineError(r.exitCode, ctrMessage(r.stderr), what);
  return r;
}
