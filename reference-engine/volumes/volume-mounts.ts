import { readFileSync } from 'node:fs';
import { mountAll, unmount } from '../storage/mount.js';
import { volumeMount } from './volume-options.js';

/** Whether `path` is a mount point on this host (tests can fake it). */
export type MountTable = (path: string) => boolean;

/** Mount points from /proc/self/mountinfo (field 5; octal escapes as the kernel writes them). */
export const hostMountTable: MountTable = (path) =>
  readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some(
      (line) =>
        line.split(' ')[4]?.replace(/\\(\d{3})/g, (_, o) => String.fromCharCode(Number.parseInt(o, 8))) ===
        path,
    );

/**
 * Reference counts of the volumes that need a mount (DriverOpts type/device/o): the first user mounts
 * on _data, the last one unmounts. A _data already mounted (shipd restarted under running containers)
 * is adopted, not mounted twice.
 */
export class VolumeMounts {
  readonly #refs = new Map<string, Set<string>>();
  constructor(private readonly isMounted: MountTable = hostMountTable) {}

  async take(name: string, ref: string, data: string, options: Record<string, string>): Promise<void> {
    const mount = volumeMount(options);
    if (mount === undefined) return;
    const refs = this.#refs.get(name) ?? new Set<string>();
    if (refs.size === 0 && !this.isMounted(data)) await mountAll([mount], data);
    refs.add(ref);
    this.#refs.set(name, refs);
  }

  async drop(name: string, ref: string, data: string): Promise<void> {
    const refs = this.#refs.get(name);
    if (!refs?.delete(ref) || refs.size > 0) return;
    this.#refs.delete(name);
    await unmount(data);
  }

  /** Before the volume is deleted: unmount whatever is on _data. */
  async forget(name: string, data: string): Promise<void> {
    this.#refs.delete(name);
    if (this.isMounted(data)) await unmount(data);
  }
}
