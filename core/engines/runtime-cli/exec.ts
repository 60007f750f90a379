import { type FileHandle, open } from 'node:fs/promises';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { execa, type Options } from 'execa';
import { EngineUnreachableError, TimeoutError } from '../../errors.js';

/**
 * Where a child's output goes: captured ('pipe'), discarded ('ignore') or appended to a file. Files are
 * handed over as real descriptors, so a container that inherits them never holds one of our pipes open.
 */
export type OutputTarget = 'pipe' | 'ignore' | { file: string };

export interface BoundedCall {
  /** Names the call in errors, e.g. `runc create`. */
  readonly what: string;
  readonly timeoutMs: number;
  readonly stdout?: OutputTarget;
  readonly stderr?: OutputTarget;
  readonly cwd?: string;
  /** Bytes or a stream fed to stdin (stdin is /dev/null otherwise). */
  readonly input?: Uint8Array | Readable;
  /** A file opened as stdin (a real file, not a socket: some runtimes open /dev/stdin). */
  readonly stdinFile?: string;
  /** Open descriptors the child gets as its fd 3, 4, ... (e.g. for `exec --preserve-fds`). */
  readonly extraFds?: readonly number[];
}

export interface BoundedResult {
  /** The exit status, or 128 + signal number when the program died of a signal. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** execa's types only list descriptors 3..9, but it passes any open descriptor straight to spawn. */
type NativeFd = 3;

async function openTarget(
  t: OutputTarget | undefined,
  handles: FileHandle[],
  flags = 'a',
): Promise<'pipe' | 'ignore' | NativeFd> {
  if (t === undefined || t === 'pipe' || t === 'ignore') return t ?? 'pipe';
  const h = await open(t.file, flags);
  handles.push(h);
  return h.fd as NativeFd;
}

const killGroup = (pid: number | undefined): void => {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
};

/**
 * Runs an executable in its own process group with a hard deadline. On timeout the whole group gets
 * SIGKILL and a TimeoutError is thrown; a missing or non-executable file becomes EngineUnreachableError.
 * A non-zero exit is returned, not thrown: callers know how to read their program's error output.
 */
export async function runBounded(
  file: string,
  args: readonly string[],
  call: BoundedCall,
): Promise<BoundedResult> {
  const handles: FileHandle[] = [];
  try {
    const stdout = await openTarget(call.stdout, handles);
    const stderr = await openTarget(call.stderr, handles);
    const stdin =
      call.stdinFile !== undefined
        ? await openTarget({ file: call.stdinFile }, handles, 'r')
        : call.input === undefined
          ? ('ignore' as const)
          : ('pipe' as const);
    const input = call.input === undefined ? {} : { input: call.input };
    const extra = (call.extraFds ?? []) as NativeFd[];
    const stdio = [stdin, stdout, stderr, ...extra] as const;
    const options: Options = { reject: false, detached: true, ...input, stdio, cwd: call.cwd };
    const sub = execa(file, args, options);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(sub.pid);
    }, call.timeoutMs);
    const result = await sub.finally(() => clearTimeout(timer));
    if (timedOut) throw new TimeoutError(call.what, call.timeoutMs);
    const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'EACCES') {
      const reason = code === 'ENOENT' ? 'executable not found' : 'not executable';
      throw new EngineUnreachableError(file, `${reason} (${call.what})`, result.cause);
    }
    if (result.exitCode === undefined && !result.signal) {
      throw new EngineUnreachableError(file, `${call.what}: ${result.shortMessage}`, result.cause);
    }
    return {
      exitCode: result.exitCode ?? 128 + (result.signal ? (constants.signals[result.signal] ?? 0) : 0),
      stdout: typeof result.stdout === 'string' ? result.stdout : '',
      stderr: typeof result.stderr === 'string' ? result.stderr : '',
    };
  } finally {
    await Promise.all(handles.map((h) => h.close()));
  }
}
