import { existsSync, type FSWatcher, rmSync, watch } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { EngineEndpoint } from '../../core/engines/types.js';
import { EngineUnreachableError } from '../../core/errors.js';
import { waitFor } from '../../core/wait-for.js';
import { atInterrupt } from '../cleanup/interrupt.js';
import type { EmbeddedShipd } from '../io/io.js';
import { unmountUnder } from './unmount-under.js';

/** The built daemon, relative to the project root. */
export const SHIPD_MAIN = join('dist', 'reference-engine', 'daemon', 'main.js');

const READY_MS = 30_000;
const STOP_MS = 30_000;
/** How long stop() may spend removing the containers the run left. */
const CLEAR_MS = 60_000;

/** A request to the daemon through its unix socket: status and body, or undefined when it does not answer. */
async function ask(
  socket: string,
  method: string,
  path: string,
  timeoutMs: number,
): Promise<{ status: number; body: string } | undefined> {
  const { Agent, request } = await import('undici');
  const agent = new Agent({ connect: { socketPath: socket } });
  try {
    const res = await request(`http://shipd${path}`, {
      method: method as 'GET',
      dispatcher: agent,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    return { status: res.statusCode, body: await res.body.text() };
  } catch {
    return undefined;
  } finally {
    await agent.close();
  }
}

const pings = async (socket: string): Promise<boolean> =>
  (await ask(socket, 'GET', '/_ping', 2000))?.status === 200;

/**
 * Removes (force, with anonymous volumes) every container the daemon still has: the root is private to
 * this run, so all of them are the run's. With live-restore they would otherwise outlive the daemon.
 */
async function removeAllContainers(socket: string): Promise<void> {
  const deadline = Date.now() + CLEAR_MS;
  const listed = await ask(socket, 'GET', '/containers/json?all=1', 10_000);
  if (listed?.status !== 200) return;
  for (const { Id } of JSON.parse(listed.body) as { Id: string }[]) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    await ask(socket, 'DELETE', `/containers/${Id}?force=1&v=1`, left);
  }
}

const tail = async (log: string): Promise<string> =>
  (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n');

/**
 * The restart command handed to the suites: mark the restart as asked for, SIGTERM the daemon (with
 * live-restore its containers keep running) and return once it is gone; the supervisor in startShipd
 * starts it again on the same root, where it adopts the running containers. After a kill -9 (the
 * reliability crash tests) the daemon is already gone: the mark alone has the supervisor start it again.
 * The pid file outlives a killed daemon, so a pid counts as the daemon only while its command line
 * names this run's root (a reused pid is never signalled; a zombie's command line is empty).
 */
function restartScript(marker: string, pidFile: string, root: string): string {
  return [
    '#!/bin/bash',
    '# Restarts the embedded shipd of a shipshape run (its supervisor starts it again).',
    'set -eu',
    `pid=$(cat '${pidFile}' 2>/dev/null || true)`,
    `ours() { [ -n "$pid" ] && tr '\\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- '--root ${root} '; }`,
    `touch '${marker}'`,
    'ours || exit 0',
    'kill -TERM "$pid" 2>/dev/null || exit 0',
    'for _ in $(seq 300); do ours || exit 0; sleep 0.1; done',
    'echo "shipd $pid did not stop within 30 s" >&2',
    'exit 1',
    '',
  ].join('\n');
}

/**
 * Starts `shipd` from `projectRoot` on a private socket under a new temporary root (nothing to install,
 * nothing shared with a system shipd), with --live-restore as the peers' dockerd runs, and waits until it
 * answers `_ping`. The endpoint carries a restart command: the daemon is SIGTERMed and this supervisor
 * starts it again on the same root (only when that command asked for it; a crash is not hidden).
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
  const marker = join(dir, 'restart-requested');
  const restart = join(dir, 'restart.sh');
  const root = join(dir, 'root');
  await writeFile(restart, restartScript(marker, join(run, 'shipd.pid'), root), { mode: 0o755 });
  const out = { file: log, append: true } as const; // O_APPEND: both streams' lines land whole
  const args = [
    join(projectRoot, SHIPD_MAIN),
    '--root',
    root,
    '--exec-root',
    run,
    '-H',
    `unix://${socket}`,
    '--live-restore',
  ];
  let child: ResultPromise | undefined;
  let exited = false;
  let stopping = false;
  /** Starts the daemon again when it is gone and a restart was asked for (synchronous: never twice). */
  const relaunchIfAsked = (): void => {
    if (!exited || stopping || !existsSync(marker)) return;
    rmSync(marker, { force: true });
    launch();
  };
  const launch = (): void => {
    const current = execa(process.execPath, args, {
      reject: false,
      stdin: 'ignore',
      stdout: out,
      stderr: out,
      cleanup: true,
      // its own process group: a Ctrl-C at the terminal reaches shipshape alone, whose interrupt
      // handler removes the run's containers through shipd and then stops it (a SIGINT straight to a
      // --live-restore shipd would leave them running)
      detached: true,
      forceKillAfterDelay: STOP_MS,
    });
    child = current;
    exited = false;
    void current.then(() => {
      if (child !== current) return;
      exited = true;
      relaunchIfAsked();
    });
  };
  launch();
  // a restart asked for after the daemon died (killed with SIGKILL by a crash test): the mark appears
  // once it is already gone, so the exit above did not see it
  const watcher: FSWatcher = watch(dir, relaunchIfAsked).on('error', () => undefined);
  watcher.unref();
  // detached, execa's cleanup no longer reaches it: a shipshape that exits without stop() still ends it
  const atExit = (): void => void (exited ? undefined : child?.kill('SIGTERM'));
  process.once('exit', atExit);
  let stopped: Promise<void> | undefined;
  let offInterrupt = (): void => {};
  const stop = (): Promise<void> => {
    offInterrupt();
    process.off('exit', atExit);
    stopped ??= (async () => {
      if (!exited) await removeAllContainers(socket);
      stopping = true;
      watcher.close();
      if (!exited) child?.kill('SIGTERM');
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
  offInterrupt = atInterrupt('the embedded shipd', () => stop());

  const endpoint: EngineEndpoint = {
    name: 'shipd',
    family: 'docker-api',
    address: `unix://${socket}`,
    source: 'embedded reference engine',
    restartCommand: `bash '${restart}'`,
  };
  return { endpoint, stop };
}
