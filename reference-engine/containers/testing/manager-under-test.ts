import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { MemoryEventBus } from '../../events/memory-event-bus.js';
import type { EventMessage } from '../../events/types.js';
import { ImageStore } from '../../images/image-store.js';
import { buildNative } from '../../runtime/testing/build-under-test.js';
import {
  cgroupsOf as cgroupsNamed,
  mountsUnder,
  processesMentioning,
} from '../../runtime/testing/leftovers.js';
import { OverlayDriver } from '../../storage/drivers/overlay.js';
import { unmount } from '../../storage/mount.js';
import { LocalVolumeStore } from '../../volumes/local-volume-store.js';
import type { ContainerManagerOptions } from '../context.js';
import { openContainerManager } from '../manager.js';
import type { ContainerManager } from '../types.js';

export const IS_ROOT = process.getuid?.() === 0;
export const PROBE_REF = 'probe:test';

export { mountsUnder };

/** cgroup directories the runtime makes for a container (`shipd-<id>` in any hierarchy). */
export const cgroupsOf = (id: string): string[] => cgroupsNamed(id, 'shipd-');

/** Processes whose command line mentions `needle` (shims carry their state dir). */
export const processesWith = processesMentioning;

/**
 * A container manager on a scratch root (overlay driver, the probe image loaded as probe:test),
 * remade for each test. Lifecycle: `useManager()` in a describe body; afterEach force-removes every
 * container, closes the manager, unmounts whatever is left under the root and removes it.
 */
export interface ManagerUnderTest {
  readonly dir: string;
  readonly manager: ContainerManager;
  readonly events: EventMessage[];
  readonly options: ContainerManagerOptions;
  /** Closes the manager (as a daemon dying would: containers keep running) and opens a new one. */
  reopen(): Promise<ContainerManager>;
}

/** A docker-archive of the probe image tagged PROBE_REF (the test files build it from fixtures/). */
export type ProbeArchive = () => Promise<Buffer>;

export function useManager(
  probeArchive: ProbeArchive,
  prefix = 'shipd-ctr-',
  extra: Partial<ContainerManagerOptions> = {},
): ManagerUnderTest {
  let dir = '';
  let manager: ContainerManager | undefined;
  let options: ContainerManagerOptions | undefined;
  const events: EventMessage[] = [];
  let archive: Buffer;
  beforeAll(async () => {
    if (!IS_ROOT) return;
    await buildNative();
    archive = await probeArchive();
  }, 180_000);
  beforeEach(async () => {
    if (!IS_ROOT) return;
    dir = mkdtempSync(join(tmpdir(), prefix));
    events.length = 0;
    const bus = new MemoryEventBus();
    bus.subscribe((m) => events.push(m));
    const images = await ImageStore.open(join(dir, 'root/images'));
    await images.load([archive]);
    const volumes = await LocalVolumeStore.open(join(dir, 'root/volumes'));
    options = {
      root: join(dir, 'root'),
      execRoot: join(dir, 'exec'),
      images,
      driver: new OverlayDriver(join(dir, 'root/storage/overlay')),
      volumes,
      events: bus,
      pollMs: 200,
      ...extra,
    };
    manager = await openContainerManager(options);
    volumes.setUsers((name) => (manager?.usingVolume(name) ?? []).map((r) => r.id));
  }, 60_000);
  afterEach(async () => {
    if (!IS_ROOT) return;
    if (manager) {
      for (const r of manager.all())
        await manager.remove(r.id, { force: true, volumes: true }).catch(() => {});
      await manager.close();
    }
    for (const m of mountsUnder(dir).reverse()) await unmount(m);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
  return {
    get dir() {
      return dir;
    },
    get manager() {
      if (!manager) throw new Error('no manager (not root?)');
      return manager;
    },
    get options() {
      if (!options) throw new Error('no manager (not root?)');
      return options;
    },
    events,
    async reopen() {
      await manager?.close();
      manager = undefined; // as in the daemon: no volume users while the new manager adopts
      manager = await openContainerManager(options as ContainerManagerOptions);
      return manager;
    },
  };
}
