import { spawn } from 'node:child_process';
import { DeadlineExceeded, InvalidArgument } from '../../errors.js';
import type { OciHook, OciHookKind } from '../config/oci-config.js';

/** Upper bound for a hook without a timeout, so a hung hook never hangs shiprun. */
export const DEFAULT_HOOK_TIMEOUT_S = 60;

/** Runs one hook with the state JSON on stdin; rejects on a non-zero exit, a signal or its timeout. */
export function runHook(kind: OciHookKind, hook: OciHook, state: string): Promise<void> {
  const timeoutMs = (hook.timeout ?? DEFAULT_HOOK_TIMEOUT_S) * 1000;
  const what = `${kind} hook ${hook.path}`;
  return new Promise((resolvePromise, reject) => {
    const [argv0, ...rest] = hook.args?.length ? hook.args : [hook.path];
    const child = spawn(hook.path, rest, {
      argv0,
      env: Object.fromEntries(
        (hook.env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
      ),
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString();
    });
    child.stdin.on('error', () => {});
    child.stdin.end(state);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(
        new InvalidArgument(`${what}: ${(err as NodeJS.ErrnoException).code ?? err.message}`, { cause: err }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return reject(new DeadlineExceeded(what, timeoutMs));
      if (code === 0) return resolvePromise();
      const how = signal ? `killed by ${signal}` : `exited with ${code}`;
      reject(new InvalidArgument(`${what} failed: ${how}${stderr ? `: ${stderr.trim()}` : ''}`));
    });
  });
}

/** Runs the hooks of one kind in order; the first failure stops the rest and is thrown. */
export async function runHooks(kind: OciHookKind, hooks: readonly OciHook[] | undefined, state: string) {
  for (const hook of hooks ?? []) await runHook(kind, hook, state);
}

/** Runs every hook of one kind even when some fail (poststop); returns the failures' messages. */
export async function runAllHooks(
  kind: OciHookKind,
  hooks: readonly OciHook[] | undefined,
  state: string,
): Promise<string[]> {
  const failures: string[] = [];
  for (const hook of hooks ?? [])
    await runHook(kind, hook, state).catch((err: Error) => failures.push(err.message));
  return failures;
}
