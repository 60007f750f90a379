import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Bundle, buildBundle, withArgs } from '../../../core/engines/runtime-cli/bundle.js';
import { probePath } from '../../../fixtures/images/index.js';
import type { OciProcess } from '../../../spec/oci-runtime.js';
import {
  cli,
  createLive,
  hostDir,
  type LiveContainer,
  OUT,
  probeBundle,
  type RuntimeSession,
  session,
  trackContainer,
  uniqueId,
  waitMarker,
  withHostDir,
  withMarkerProgram,
} from '../../oci-runtime/support/index.js';
import { waitFor } from '../../support/index.js';

/** A started marker-program container (sigwait as pid 1, signals logged to OUT/signals) and its host pid. */
export interface Running extends LiveContainer {
  readonly pid: number;
}

/** SIGHUP, SIGUSR1, SIGUSR2, SIGTERM, SIGWINCH: the signals the tests send (bit = number - 1). */
const READY_MASK = [1, 10, 12, 15, 28].reduce((m, n) => m | (1n << BigInt(n - 1)), 0n);

/** Waits until `pid` catches the signals tests send (SigCgt): as pid 1 it ignores any sent earlier. */
export const waitCatching = (pid: number, what: string): Promise<true> =>
  waitFor(
    async () => {
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      const mask = BigInt(`0x${/^SigCgt:\s+([0-9a-f]+)$/m.exec(status)?.[1] ?? '0'}`);
      return (mask & READY_MASK) === READY_MASK;
    },
    { timeoutMs: 10_000, intervalMs: 10, describe: `${what} to catch its signals` },
  );

/**
 * Starts a container of its own for the current test (force-deleted after it): create with a pid
 * file (so no `state` call is needed for the pid), start, then wait until its program is ready.
 */
export async function startRunning(label: string): Promise<Running> {
  const c = await createLive(label, { create: false });
  const pidFile = session().cleanup.dir(`${c.out}.pid`);
  await cli().create(c.id, c.bundle.dir, { pidFile });
  await cli().start(c.id);
  const pid = Number((await readFile(pidFile, 'utf8')).trim());
  await waitMarker(c);
  await waitCatching(pid, c.id);
  return { ...c, pid };
}

const shared = new WeakMap<RuntimeSession, Promise<Running>>();

/**
 * One running container shared by the tests of a file that leave it as they found it (exec, ps of the
 * init): made on first use, outside the per-test cleanup, and force-deleted with the file's session.
 */
export function sharedRunning(): Promise<Running> {
  const s = session();
  let c = shared.get(s);
  if (!c) {
    c = makeShared(s);
    shared.set(s, c);
  }
  return c;
}

async function makeShared(s: RuntimeSession): Promise<Running> {
  const id = uniqueId('shared');
  const out = join(s.workspace.root, `${id}-out`);
  await mkdir(out, { mode: 0o755 });
  const rootfs = { binaries: { '/bin/probe': probePath() }, symlinks: { '/bin/sh': 'probe' } };
  const bundle = await buildBundle(
    join(s.workspace.bundles, id),
    { rootfs },
    withMarkerProgram(),
    withHostDir(out, OUT),
  );
  const pidFile = `${out}.pid`;
  await s.cli.create(id, bundle.dir, { pidFile });
  await s.cli.start(id);
  const c = { id, bundle, out, marker: join(out, 'started') };
  const pid = Number((await readFile(pidFile, 'utf8')).trim());
  await waitMarker(c);
  await waitCatching(pid, id);
  return { ...c, pid };
}

/** The container's own process settings with `overrides` (a process.json for `exec --process`). */
export const processOf = (bundle: Bundle, overrides: Partial<OciProcess>): OciProcess => ({
  ...bundle.config.process,
  ...overrides,
});

/** Runs `probe report SECTIONS` through `exec --process` in the foreground; its JSON document. */
export async function execReport<T = Record<string, unknown>>(
  c: { id: string; bundle: Bundle },
  sections: readonly string[],
  overrides: Partial<OciProcess> = {},
): Promise<T> {
  const process = processOf(c.bundle, { args: ['/bin/probe', 'report', ...sections], ...overrides });
  const r = await cli().exec(c.id, { process });
  if (r.exitCode !== 0) throw new Error(`exec of probe report exited ${r.exitCode}: ${r.stderr}`);
  return lastJson<T>(r.stdout);
}

/** The JSON document on the last non-empty line of `text`. */
export function lastJson<T>(text: string): T {
  const last = text.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`expected a JSON line, got: ${text.slice(0, 300)}`);
  }
}

/**
 * Starts `args` detached in the container (`exec --detach --pid-file`) and answers the host pid from
 * the pid file (the process is killed with the container).
 */
export async function execDetached(c: { id: string; bundle: Bundle }, args: string[]): Promise<number> {
  const dir = await hostDir('pidfile');
  const pidFile = join(dir, 'exec.pid');
  await cli().exec(c.id, { process: processOf(c.bundle, { args }), detach: true, pidFile });
  return Number((await readFile(pidFile, 'utf8')).trim());
}

/** A container whose pid 1 prints `tick N` every 10 ms into a host file: the count shows progress. */
export interface Ticker {
  readonly id: string;
  readonly bundle: Bundle;
  readonly pid: number;
  /** Host file holding the container's stdout. */
  readonly ticks: string;
}

export async function startTicker(label: string): Promise<Ticker> {
  const dir = await hostDir(`${label}-out`);
  const ticks = join(dir, 'ticks');
  const bundle = await probeBundle(withArgs('/bin/probe', 'tick', '10'));
  const id = trackContainer(uniqueId(label));
  const pidFile = join(dir, 'init.pid');
  await cli().create(id, bundle.dir, { stdout: { file: ticks }, pidFile });
  await cli().start(id);
  await waitFor(async () => (await lastTick(ticks)) >= 2, {
    timeoutMs: 10_000,
    intervalMs: 20,
    describe: `${id} to tick`,
  });
  const pid = Number((await readFile(pidFile, 'utf8')).trim());
  return { id, bundle, pid, ticks };
}

/** The last count the ticker wrote (0 before the first). */
export async function lastTick(file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  const m = /tick (\d+)\s*$/.exec(await readFile(file, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** Lets `ms` pass (only to observe that a frozen counter does NOT move; never to wait for a change). */
export const idle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
