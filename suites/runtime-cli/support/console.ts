import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type ConsoleReceiverBuild, session, uniqueId } from '../../oci-runtime/support/index.js';
import { waitFor } from '../../support/index.js';

/** A listening console socket: what arrived on it so far, and the receiver's exit. */
export interface ConsoleReceiver {
  readonly socket: string;
  /** Receiver stdout: `{"listening":true}`, `{"received":...}`, then the terminal's output. */
  output(): string;
  readonly exited: Promise<number | null>;
}

/** Starts the file's receiver (useConsoleReceiver) on a fresh socket, killed and removed after the test. */
export async function listenConsole(build: ConsoleReceiverBuild): Promise<ConsoleReceiver> {
  const socket = join(build.dir, `${uniqueId('s').slice(-8)}.sock`);
  const child: ChildProcess = spawn(build.binary, [socket], { stdio: ['ignore', 'pipe', 'pipe'] });
  session().cleanup.defer('stop console receiver', async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(socket, { force: true });
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  await waitFor(() => out.includes('"listening"'), { timeoutMs: 10_000, describe: 'console receiver' });
  return { socket, output: () => out, exited };
}
