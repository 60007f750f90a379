import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgument } from '../../errors.js';
import { createCgroups, removeCgroups } from '../cgroups/container-cgroups.js';
import { applyV1Devices } from '../cgroups/v1-resources.js';
import { loadBundle } from '../config/load-config.js';
import type { OciConfig } from '../config/oci-config.js';
import { runAllHooks, runHooks } from '../hooks/run-hooks.js';
import { digestConfig } from '../spec/digest.js';
import type { IoDigest } from '../spec/io-digest.js';
import { processStartTime } from '../state/process-info.js';
import {
  checkId,
  fifoPath,
  makeContainerDir,
  removeContainerDir,
  type StoredState,
  writeState,
} from '../state/state-dir.js';
import { assertTransition } from '../state/status.js';
import { seccompBuiltIn } from './native-binary.js';
import { type ShimLauncher, type SpawnedShim, spawnShim } from './spawn-shim.js';
import { stateDocument } from './state.js';
import { isLogStdio, pipesStdio, type StdioSpec } from './stdio.js';
import { RESIZE_FIFO, STDIN_FIFO } from './stdio-paths.js';
import { waitGone } from './wait-gone.js';

export interface CreateOptions {
  /** State root (runc's --root). */
  readonly root: string;
  readonly id: string;
  readonly bundle: string;
  readonly pidFile?: string;
  readonly consoleSocket?: string;
  /** The container's stdio (default: inherited from this process); log mode needs no console socket. */
  readonly stdio?: StdioSpec;
  /** How the shim is started (default Node's spawn; the daemon's does not fork the daemon). */
  readonly launcher?: ShimLauncher;
}

/** A created container: waiting on its exec fifo until `start`. */
export interface CreatedContainer extends SpawnedShim {
  readonly id: string;
  readonly dir: string;
}

/** The shim's part in the stdio: log mode (paths in DIR), or a relay of pipes to this process. */
function ioDigest(opts: CreateOptions, dir: string): IoDigest | undefined {
  const io = opts.stdio;
  if (isLogStdio(io))
    return {
      logPath: resolve(io.logPath),
      stdinFifo: io.stdin ? join(dir, STDIN_FIFO) : undefined,
      stdinOnce: io.stdinOnce,
      resizeFifo: io.terminal ? join(dir, RESIZE_FIFO) : undefined,
    };
  return io !== undefined && pipesStdio(io) ? { relay: true } : undefined;
}

function checkTerminal(config: OciConfig, opts: CreateOptions): void {
  const terminal = config.process?.terminal === true;
  if (isLogStdio(opts.stdio)) {
    if (opts.stdio.terminal !== terminal)
      throw new InvalidArgument(
        `stdio.terminal (${opts.stdio.terminal}) must match config.json process.terminal (${terminal})`,
      );
    if (opts.consoleSocket)
      throw new InvalidArgument(
        'a console socket is for a terminal outside log mode: the shim holds the pty',
      );
    return;
  }
  const piped = opts.stdio !== undefined && pipesStdio(opts.stdio);
  if (piped && opts.consoleSocket)
    throw new InvalidArgument('a console socket with piped stdio: the shim relays the pty to the pipes');
  if (terminal && !opts.consoleSocket && !piped)
    throw new InvalidArgument(
      'config.json: process.terminal: needs --console-socket (the pty master goes there)',
    );
}

function checkNamespacePaths(config: OciConfig): void {
  (config.linux?.namespaces ?? []).forEach((ns, i) => {
    if (ns.path && !existsSync(ns.path))
      throw new InvalidArgument(`config.json: linux.namespaces[${i}].path: ${ns.path} does not exist`);
  });
}

/**
 * `create`: validates the bundle, makes the state dir and cgroups, has the shim clone the init (which
 * sets everything up and waits on the exec fifo) and runs the create-time hooks. Any failure undoes
 * all of it: no state dir, cgroup or process is left.
 */
export async function createContainer(opts: CreateOptions): Promise<CreatedContainer> {
  checkId(opts.id);
  const bundle = await loadBundle(opts.bundle);
  checkNamespacePaths(bundle.config);
  if (bundle.config.linux?.seccomp && !seccompBuiltIn())
    throw new InvalidArgument(
      'config.json: linux.seccomp: this shiprun-init was built without libseccomp (apt-get install libseccomp-dev, then npm run build)',
    );
  checkTerminal(bundle.config, opts);
  const dir = await makeContainerDir(opts.root, opts.id);
  const state: StoredState = {
    ociVersion: bundle.config.ociVersion,
    id: opts.id,
    status: 'creating',
    pid: 0,
    bundle: bundle.dir,
    rootfs: bundle.rootfs,
    created: new Date().toISOString(),
    owner: '',
    annotations: bundle.config.annotations,
    cgroupDirs: [],
    hooks: bundle.config.hooks,
  };
  let spawned: SpawnedShim | undefined;
  let hookRan = false;
  try {
    const cg = await createCgroups(opts.id, bundle.config); // recorded with the first state write
    state.cgroupDirs = cg.created;
    state.procsFile = cg.anyProcs;
    state.freezeFile = cg.freezeFile;
    state.procsFiles = cg.procsFiles;
    await writeState(dir, state);
    const spec = digestConfig(bundle.config, {
      bundleDir: bundle.dir,
      rootfs: bundle.rootfs,
      fifo: fifoPath(dir),
      cgroupProcs: cg.procsFiles,
      cgroupViews: cg.views,
      consoleSocket: opts.consoleSocket && resolve(opts.consoleSocket),
      io: ioDigest(opts, dir),
      id: opts.id,
    });
    const hooks = bundle.config.hooks;
    const runtimeHooks = async (pid: number) => {
      const doc = JSON.stringify(stateDocument({ ...state, pid }, 'creating'));
      hookRan = true;
      for (const kind of ['prestart', 'createRuntime'] as const) await runHooks(kind, hooks?.[kind], doc);
    };
    spawned = await spawnShim(spec, dir, opts.stdio ?? 'inherit', runtimeHooks, [], undefined, opts.launcher);
    if (cg.devicesDir) await applyV1Devices(cg.devicesDir, bundle.config.linux?.resources?.devices);
    assertTransition(opts.id, state.status, 'created');
    Object.assign(state, { status: 'created', pid: spawned.pid, shimPid: spawned.shim.pid });
    state.pidStartTime = processStartTime(spawned.pid);
    state.shimStartTime = spawned.shim.pid === undefined ? undefined : processStartTime(spawned.shim.pid);
    await writeState(dir, state);
    if (opts.pidFile) writeFileSync(resolve(opts.pidFile), String(spawned.pid));
    return { id: opts.id, dir, ...spawned };
  } catch (err) {
    if (spawned) {
      spawned.shim.unref();
      try {
        process.kill(spawned.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await waitGone(spawned.pid, state.pidStartTime);
    }
    await removeCgroups(state.cgroupDirs);
    await removeContainerDir(dir);
    if (hookRan) {
      const doc = JSON.stringify(stateDocument(state, 'stopped'));
      await runAllHooks('poststop', bundle.config.hooks?.poststop, doc);
    }
    throw err;
  }
}
