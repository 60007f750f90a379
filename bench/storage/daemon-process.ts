import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { TimeoutError } from '../../core/errors.js';
import { pollFor } from '../../core/wait-for.js';

/**
 * A daemon this benchmark started. Lifecycle: `spawnDaemon()` -> `waitForPing()` -> use ->
 * `stop()` (SIGTERM, then SIGKILL after a bound; resolves once it has exited).
 */
export interface DaemonProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Exit code or signal once it has exited, else undefined. */
  exited(): string | undefined;
  stop(o?: { termMs?: number; killMs?: number }): Promise<void>;
  /** The last `lines` lines of its log, for error messages. */
  logTail(lines?: number): Promise<string>;
}

export function spawnDaemon(
  name: string,
  cmd: string,
  args: readonly string[],
  o: { logFile: string; env?: NodeJS.ProcessEnv },
): DaemonProcess {
  const fd = openSync(o.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(cmd, args, { stdio: ['ignore', fd, fd], env: o.env ?? process.env, detached: false });
  } finally {
    closeSync(fd);
  }
  let status: string | undefined;
  const done = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      status = signal ?? `exit ${code}`;
      resolve();
    });
    child.once('error', (err) => {
      status = `failed to start: ${err.message}`;
      resolve();
    });
  });
  const waitExit = (ms: number) =>
    Promise.race([
      done.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref()),
    ]);
  return {
    name,
    pid: child.pid ?? -1,
    logFile: o.logFile,
    exited: () => status,
    async stop(s = {}) {
      if (status !== undefined) return;
      child.kill('SIGTERM');
      if (await waitExit(s.termMs ?? 20_000)) return;
      child.kill('SIGKILL');
      if (!(await waitExit(s.killMs ?? 5_000)))
        throw new TimeoutError(`${name} to exit after SIGKILL`, s.killMs ?? 5_000);
    },
    async logTail(lines = 5) {
      const text = await readFile(o.logFile, 'utf8').catch(() => '');
      return text.trimEnd().split('\n').slice(-lines).join('\n');
    },
  };
}

/** One GET /_ping on a unix socket: true on 200 OK. */
function pingOnce(socketPath: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** Polls `/_ping` until it answers 200, the daemon exits (error with its log) or `deadlineMs` passes. */
export async function waitForPing(d: DaemonProcess, socketPath: string, deadlineMs = 60_000): Promise<void> {
  const up = await pollFor(
    async () => {
      if (d.exited() !== undefined)
        throw new Error(`${d.name} exited (${d.exited()}) before answering: ${await d.logTail()}`);
      return pingOnce(socketPath, 2_000);
    },
    { timeoutMs: deadlineMs, intervalMs: 50, maxIntervalMs: 500, describe: 'a ping', retry: () => false },
  );
  if (!up)
    throw new TimeoutError(`${d.name} to answer /_ping on ${socketPath}: ${await d.logTail()}`, deadlineMs);
}
