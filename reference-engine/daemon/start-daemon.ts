import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContainerManagerOptions } from '../containers/context.js';
import { SHUTDOWN_STOP_CAP_S, shutdownStopTimeout } from '../containers/shutdown.js';
import { type ContainerManager, isRunning } from '../containers/types.js';
import { MemoryEventBus } from '../events/memory-event-bus.js';
import { ImageStore } from '../images/image-store.js';
import { findLoadProcess, type LoadProcess } from '../images/load/load-process.js';
import { openDriver } from '../storage/drivers/open-driver.js';
import { removeInterruptedUnpacks } from '../storage/unpack-layer.js';
import { LocalVolumeStore } from '../volumes/local-volume-store.js';
import { freshBundle, LOAD_BUNDLE_NAME } from './bundle.js';
import type { DaemonConfig, DaemonContext } from './context.js';
import type { App } from './http/app.js';
import { buildServer } from './http/server.js';
import { listenAll } from './listen.js';
import { takeDaemonLock } from './lock.js';
import { probeDriver, requireRoot } from './preflight.js';
import { ROUTES } from './routes/index.js';

export interface RunningDaemon {
  ctx: DaemonContext;
  app: App;
  /**
   * dockerd's shutdown: stops listening (in-flight requests get CLOSE_GRACE_MS); then, without
   * --live-restore, stops every running container (stop signal, SIGKILL after its stop timeout) and
   * unmounts its rootfs; with it, containers keep running under their shims. Then monitoring ends and
   * the locks are released.
   */
  close(): Promise<void>;
  /** How long close() may take before the process should exit anyway (ms). */
  closeDeadlineMs(): number;
}

/** How long in-flight requests (an events stream, a wait) may hold a shutdown. */
const CLOSE_GRACE_MS = 2000;
/** dockerd's grace above the longest stop timeout (its ShutdownTimeout), and its minimum (s). */
const SHUTDOWN_GRACE_S = 5;
const SHUTDOWN_MIN_S = SHUTDOWN_STOP_CAP_S;
/** With live-restore (or nothing running), what closing may take at most (ms). */
const CLOSE_ONLY_MS = 5000;

/** The image load process: its bundle when fresh (as the daemon's own), else its modules. */
function imageLoadProcess(): LoadProcess | undefined {
  const bundled = freshBundle(undefined, process.env, LOAD_BUNDLE_NAME);
  return bundled ? { command: process.execPath, args: [fileURLToPath(bundled)] } : findLoadProcess();
}

/**
 * Starts shipd: root check, the root and exec-root locks, the storage driver's crash leftovers swept,
 * a probe mount of the driver, the stores (images, volumes, events), the container manager (which
 * adopts surviving containers), the routes, and the listeners. Anything failing before listening
 * undoes what was taken.
 */
export type OpenManager = (options: ContainerManagerOptions) => Promise<ContainerManager>;

export async function startDaemon(config: DaemonConfig, openManager: OpenManager): Promise<RunningDaemon> {
  requireRoot();
  mkdirSync(config.root, { recursive: true, mode: 0o710 });
  mkdirSync(config.execRoot, { recursive: true, mode: 0o700 });
  const lock = await takeDaemonLock([config.root, config.execRoot], join(config.execRoot, 'shipd.pid'));
  let containers: ContainerManager | undefined;
  try {
    const driver = openDriver(config.storageDriver, join(config.root, 'storage', config.storageDriver));
    // What a crash cut off in the driver: unpacks never committed, then dirs and links nobody owns.
    await removeInterruptedUnpacks(driver);
    await driver.sweep();
    await probeDriver(driver, config.execRoot);
    const events = new MemoryEventBus();
    const loadProcess = imageLoadProcess();
    if (!loadProcess)
      process.stderr.write('shipd: load-child.js is not built: image loads run in the daemon\n');
    const images = await ImageStore.open(join(config.root, 'images'), {
      containersUsing: (id) =>
        (containers?.usingImage(id) ?? []).map((r) => ({ id: r.id, running: isRunning(r.state.status) })),
      ...(loadProcess && { loadProcess }),
    });
    const volumes = await LocalVolumeStore.open(join(config.root, 'volumes'), {
      onEvent: (action, name) =>
        events.publish({ type: 'volume', action, id: name, attributes: { driver: 'local' } }),
    });
    const manager = await openManager({
      root: config.root,
      execRoot: config.execRoot,
      images,
      driver,
      volumes,
      events,
      defaultRuntime: config.defaultRuntime,
      runtimes: config.runtimes,
    });
    containers = manager;
    volumes.setUsers((name) => manager.usingVolume(name).map((r) => r.id));
    const ctx: DaemonContext = { config, images, driver, containers: manager, volumes, events };
    const app = buildServer(ctx, {
      version: config.version,
      routes: ROUTES,
      logRequests: config.logLevel === 'debug',
    });
    const closeExtra = await listenAll(app, config.hosts);
    return {
      ctx,
      app,
      close: async () => {
        await Promise.race([
          app.close(),
          new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
        ]);
        await closeExtra();
        if (!config.liveRestore) await manager.stopAll();
        await manager.close();
        for (const host of config.hosts) if (host.kind === 'unix') rmSync(host.path, { force: true });
        await lock.release();
      },
      closeDeadlineMs: () => {
        const running = manager.all().filter((r) => isRunning(r.state.status));
        if (config.liveRestore || running.length === 0) return CLOSE_ONLY_MS;
        const longest = Math.max(...running.map(shutdownStopTimeout));
        return CLOSE_GRACE_MS + Math.max(SHUTDOWN_MIN_S, longest + SHUTDOWN_GRACE_S) * 1000;
      },
    };
  } catch (err) {
    await containers?.close().catch(() => undefined);
    await lock.release();
    throw err;
  }
}
