import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { closeSync, openSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { DeadlineExceeded, InvalidArgument } from '../../errors.js';
import { nativeBinary } from './native-binary.js';
import { type StdioSpec, type StdioTarget, shimStdio } from './stdio.js';

export type { StdioSpec } from './stdio.js';

/** What callers use of the shim process: a ChildProcess, or a process started another way (ShimLauncher). */
export interface ShimProcess
  extends Pick<ChildProcess, 'pid' | 'stdio' | 'stdin' | 'stdout' | 'stderr' | 'exitCode' | 'signalCode'> {
  unref(): void;
  kill(signal?: NodeJS.Signals | number): boolean;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  once(event: 'error', listener: (err: Error) => void): unknown;
}

/** A container whose init waits on its exec fifo, and the shim that is its parent. */
export interface SpawnedShim {
  readonly pid: number;
  readonly shim: ShimProcess;
}

/** A started shim with its report (fd 3) and control (fd 4) pipes, as this process holds them. */
export interface LaunchedShim {
  readonly process: ShimProcess;
  readonly report: Readable;
  readonly control: Writable;
}

/**
 * Starts `file args` in its own session with fds 0-2 from `stdio`, a report pipe on fd 3, a control
 * pipe on fd 4, `specFd` on 5 and `extraFds` from 6. The default is Node's spawn; the daemon plugs in
 * one that does not fork itself (native-launcher.ts).
 */
export type ShimLauncher = (
  file: string,
  args: readonly string[],
  stdio: readonly StdioTarget[],
  specFd: number,
  extraFds: readonly number[],
) => LaunchedShim;

/** Node's spawn (a fork of this process): pipes to this process are available on it. */
export const nodeLauncher: ShimLauncher = (file, args, stdio, specFd, extraFds) => {
  const shim = spawn(file, [...args], {
    detached: true,
    stdio: [...stdio, 'pipe', 'pipe', specFd, ...extraFds] as StdioOptions,
  });
  return { process: shim, report: shim.stdio[3] as Readable, control: shim.stdio[4] as Writable };
};

const SETUP_TIMEOUT_MS = 120_000; // covers prestart/createRuntime/createContainer hooks (60 s default each)

/** Yields the report lines the shim writes on fd 3, each within the setup deadline. */
async function* lines(stream: Readable, deadline: number, onTimeout: () => void): AsyncGenerator<string> {
  let buffered = '';
  let ended = false;
  let wake: (() => void) | undefined;
  stream.on('data', (d: Buffer) => {
    buffered += d.toString();
    wake?.();
  });
  const end = () => {
    ended = true;
    wake?.();
  };
  stream.on('close', end);
  stream.on('error', end);
  for (let i = 0; i < 16; i++) {
    while (!buffered.includes('\n') && !ended) {
      const left = deadline - Date.now();
      const timer = setTimeout(() => wake?.(), Math.max(0, left));
      await new Promise<void>((r) => {
        wake = r;
      });
      clearTimeout(timer);
      if (Date.now() >= deadline && !buffered.includes('\n')) {
        onTimeout();
        throw new DeadlineExceeded('container setup', SETUP_TIMEOUT_MS);
      }
    }
    const nl = buffered.indexOf('\n');
    if (nl < 0) return;
    yield buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
  }
}

/** Where the shim reads its spec: fd 5, an unlinked file holding the whole spec (no wait for a writer). */
export const SPEC_FD_PATH = 'fd:5';

/** The spec in a file that is gone from the state dir before the shim starts: only the open fd remains. */
function specFd(dir: string, spec: string): number {
  const path = join(dir, `spec.${process.pid}.tmp`);
  writeFileSync(path, spec, { mode: 0o600 });
  try {
    return openSync(path, 'r');
  } finally {
    unlinkSync(path);
  }
}

/** The shim's first fd after report (3), control (4) and spec (5): `extraFds` start here. */
export const EXTRA_FD_BASE = 6;

/**
 * Starts `shiprun-init shim SPEC DIR` in its own session (the spec text on fd 5, see specFd; our
 * `extraFds` as its fds 6, 7, ...; `args` replaces `shim SPEC DIR`, e.g. for `runtime-shim`) and follows
 * its report on fd 3:
 * `hooks PID` (run `onHooks`, then answer `go` on fd 4), then `pid N` (the init waits on the exec
 * fifo) or `error MESSAGE` (thrown as InvalidArgument).
 */
export async function spawnShim(
  spec: string,
  dir: string,
  stdio: StdioSpec,
  onHooks?: (pid: number) => Promise<void>,
  extraFds: readonly number[] = [],
  args: readonly string[] = ['shim', SPEC_FD_PATH, dir],
  launch: ShimLauncher = nodeLauncher,
): Promise<SpawnedShim> {
  const io = shimStdio(stdio);
  const specIn = specFd(dir, spec);
  let launched: LaunchedShim;
  try {
    launched = launch(nativeBinary(), args, io, specIn, extraFds);
  } finally {
    closeSync(specIn);
  }
  const { process: shim, report, control } = launched;
  control.on('error', () => {});
  const failed = new Promise<never>((_, reject) => shim.once('error', reject));
  failed.catch(() => {});
  const kill = () => shim.kill('SIGKILL');
  let ok = false;
  try {
    const deadline = Date.now() + SETUP_TIMEOUT_MS;
    for await (const line of lines(report, deadline, kill)) {
      if (line.startsWith('hooks ')) {
        await Promise.race([onHooks?.(Number(line.slice(6))), failed]).catch((err: unknown) => {
          control.end('abort\n');
          throw err;
        });
        control.end('go\n');
        continue;
      }
      if (line.startsWith('pid ')) {
        ok = true;
        return { pid: Number(line.slice(4)), shim };
      }
      throw new InvalidArgument(line.startsWith('error ') ? line.slice(6) : `shim: ${line}`);
    }
    await Promise.race([failed, new Promise((r) => setTimeout(r, 0))]);
    throw new InvalidArgument('shim exited without a report');
  } finally {
    report.destroy();
    control.destroy();
    if (!ok) await stopShim(shim);
  }
}

/** Kills a shim that failed (its init dies with it: PDEATHSIG) and waits up to 5 s for it to go. */
async function stopShim(shim: ShimProcess): Promise<void> {
  if (shim.exitCode !== null || shim.signalCode !== null || shim.pid === undefined) return;
  const gone = new Promise((r) => shim.once('exit', r));
  shim.kill('SIGKILL');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
}

/** The shim's exit status (the container's: code, or 128+signal), once it has exited. */
export function shimExit(shim: ShimProcess): Promise<number> {
  if (shim.exitCode !== null) return Promise.resolve(shim.exitCode);
  if (shim.signalCode !== null) return Promise.resolve(128);
  return new Promise((r) => shim.once('exit', (code) => r(code ?? 128)));
}
