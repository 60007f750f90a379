import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { waitFor } from '../../support/index.js';
import { uniqueId } from './ids.js';
import { session } from './session.js';

// Receiving the pty master of --console-socket needs SCM_RIGHTS, which Node lacks: a small C receiver,
// compiled per test file into a temp dir that the file's afterAll removes.
const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '../console-receiver.c');

let unavailable: string | undefined | null = null;

/** Why a console receiver cannot be built here, or undefined when it can. */
export function consoleUnavailable(): string | undefined {
  if (unavailable === null)
    unavailable =
      spawnSync('cc', ['--version'], { stdio: 'ignore', timeout: 10_000 }).status === 0
        ? undefined
        : 'no C compiler (cc): the console receiver, which takes the pty master over SCM_RIGHTS, is compiled here';
  return unavailable;
}

/** A listening console socket: what arrived on it so far, and the receiver's exit. */
export interface ConsoleReceiver {
  readonly socket: string;
  /** Receiver stdout: `{"listening":true}`, `{"received":...}`, then the terminal's output. */
  output(): string;
  /** What the receiver wrote on stderr (why it failed). */
  errors(): string;
  readonly exited: Promise<number | null>;
}

/** The file's compiled receiver. */
export interface ConsoleReceiverBuild {
  /** Starts it on a fresh socket, once it listens; killed and its socket removed after the test. */
  listen(): Promise<ConsoleReceiver>;
}

/**
 * Registers the file's hooks: compile the receiver into a fresh temp dir (beforeAll; nothing when
 * there is no cc) and remove that dir (afterAll). Call `listen` inside tests only.
 */
export function useConsoleReceiver(): ConsoleReceiverBuild {
  let dir = '';
  const binary = () => join(dir, 'console-receiver');
  beforeAll(async () => {
    if (consoleUnavailable()) return;
    dir = await mkdtemp(join(tmpdir(), 'ss-cons-'));
    const cc = spawnSync('cc', ['-O2', '-o', binary(), SOURCE], { encoding: 'utf8', timeout: 60_000 });
    if (cc.status !== 0) throw new Error(`cc console-receiver.c failed: ${cc.stderr}`);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = '';
  });
  return {
    async listen() {
      if (!dir) throw new Error('the console receiver is built in beforeAll: listen inside a test');
      const socket = join(dir, `${uniqueId('s').slice(-10)}.sock`);
      const child: ChildProcess = spawn(binary(), [socket], { stdio: ['ignore', 'pipe', 'pipe'] });
      session().cleanup.defer('stop console receiver', async () => {
        if (child.exitCode === null) child.kill('SIGKILL');
        await rm(socket, { force: true });
      });
      let out = '';
      let err = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString('utf8');
      });
      child.stderr?.on('data', (d: Buffer) => {
        err += d.toString('utf8');
      });
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
      await waitFor(() => out.includes('"listening"'), { timeoutMs: 10_000, describe: 'console receiver' });
      return { socket, output: () => out, errors: () => err, exited };
    },
  };
}
