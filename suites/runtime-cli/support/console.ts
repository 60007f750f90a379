import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { session, uniqueId } from '../../oci-runtime/support/index.js';
import { waitFor } from '../../support/index.js';

// The oci-runtime suite's receiving end of --console-socket (SCM_RIGHTS needs C): compiled once per file.
const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '../../oci-runtime/console-receiver.c');

/** Why a console receiver cannot be built here, or undefined when it can. */
export const consoleUnavailable = (): string | undefined =>
  spawnSync('cc', ['--version'], { stdio: 'ignore', timeout: 10_000 }).status === 0
    ? undefined
    : 'no C compiler (cc) to build the console receiver';

let built: Promise<string> | undefined;

async function receiverBinary(): Promise<string> {
  built ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ss-rtcli-cons-'));
    process.once('exit', () => spawnSync('rm', ['-rf', dir]));
    const out = join(dir, 'console-receiver');
    const cc = spawnSync('cc', ['-O2', '-o', out, SOURCE], { encoding: 'utf8', timeout: 60_000 });
    if (cc.status !== 0) throw new Error(`cc console-receiver.c failed: ${cc.stderr}`);
    return out;
  })();
  return built;
}

/** A listening console socket: what arrived on it so far, and the receiver's exit. */
export interface ConsoleReceiver {
  readonly socket: string;
  /** Receiver stdout: `{"listening":true}`, `{"received":...}`, then the terminal's output. */
  output(): string;
  readonly exited: Promise<number | null>;
}

/** Starts a receiver on a fresh socket (killed and removed after the test). */
export async function listenConsole(): Promise<ConsoleReceiver> {
  const binary = await receiverBinary();
  const dir = await mkdtemp(join(tmpdir(), 'ss-cs-'));
  const socket = join(dir, `${uniqueId('s').slice(-8)}.sock`);
  const child: ChildProcess = spawn(binary, [socket], { stdio: ['ignore', 'pipe', 'pipe'] });
  session().cleanup.defer('stop console receiver', async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  await waitFor(() => out.includes('"listening"'), { timeoutMs: 10_000, describe: 'console receiver' });
  return { socket, output: () => out, exited };
}
