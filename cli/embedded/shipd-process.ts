import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { EngineEndpoint } from '../../core/engines/types.js';
import { EngineUnreachableError } from '../../core/errors.js';
import { waitFor } from '../../core/wait-for.js';
import type { EmbeddedShipd } from '../io/io.js';
import { unmountUnder } from './unmount-under.js';

/** The built daemon, relative to the project root. */
export const SHIPD_MAIN = join('dist', 'reference-engine', 'daemon', 'main.js');

const READY_MS = 30_000;
const STOP_MS = 30_000;

/** Answers 2xx on `_ping` through the unix socket, else false. */
async function pings(socket: string): Promise<boolean> {
  const { Agent, request } = await import('undici');
  const agent = new Agent({ connect: { socketPath: socket } });
  try {
    const res = await request('http://shipd/_ping', { dispatcher: agent, headersTimeout: 2000 });
    await res.body.dump();
    return res.statusCode === 200;
  } catch {
    return false;
  } finally {
    await agent.close();
  }
}

const tail = async (log: string): Promise<string> =>
  (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n');

/**
 * Starts `shipd` from `projectRoot` on a private socket under a new temporary root (nothing to install,
 * nothing shared with a system shipd) and waits until it answers `_ping`.
 *
 *   const shipd = await startShipd(root);
 *   try { ...run suites on shipd.endpoint... } finally { await shipd.stop(); }
 */
export async function startShipd(projectRoot: string): Promise<EmbeddedShipd> {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-shipd-'));
  const run = join(dir, 'run');
  await mkdir(run, { recursive: true });
  const socket = join(run, 'shipd.sock');
  const log = join(dir, 'shipd.log');
  const out = { file: log, append: true } as const; // O_APPEND: both streams' lines land whole
  const args = [
    join(projectRoot, SHIPD_MAIN),
    '--root',
    join(dir, 'root'),
    '--exec-root',
    run,
    '-H',
    `unix://${socket}`,
  ];
  const child = execa(process.execPath, args, {
    reject: false,
    stdin: 'ignore',
    stdout: out,
    stderr: out,
    cleanup: true,
    forceKillAfterDelay: STOP_MS,
  });
  let exited = false;
  void child.then(() => {
    exited = true;
  });
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (!exited) child.kill('SIGTERM');
      await child;
      await unmountUnder(dir);
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopped;
  };
  try {
    await waitFor(async () => (exited ? 'exited' : (await pings(socket)) && 'up'), {
      timeoutMs: READY_MS,
      intervalMs: 100,
      describe: `shipd on ${socket}`,
    }).then((state) => {
      if (state === 'exited') throw new Error('it exited');
    });
  } catch (err) {
    const last = await tail(log);
    await stop();
    throw new EngineUnreachableError(
      `unix://${socket}`,
      `shipd did not start: ${(err as Error).message}\n${last}`,
    );
  }
  const endpoint: EngineEndpoint = {
    name: 'shipd',
    family: 'docker-api',
    address: `unix://${socket}`,
    source: 'embedded reference engine',
  };
  return { endpoint, stop };
}
