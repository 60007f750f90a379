import type { MountPoint } from '../daemon/wire/containers.js';
import { InvalidArgument } from '../errors.js';
import type { MountSpec } from './oci/parse-mounts.js';
import type { RecordTable } from './record-table.js';

/**
 * HostConfig.VolumesFrom (`container[:ro|:rw]`): the other container's binds and volumes at the same
 * destinations, read-only with `:ro`, else as they were. Mounts the request sets itself win.
 */
export function volumesFrom(
  entries: readonly string[] | null | undefined,
  table: RecordTable,
  own: readonly MountSpec[],
): MountSpec[] {
  const out: MountSpec[] = [];
  for (const entry of entries ?? []) {
    const [name = '', mode] = entry.split(':', 2);
    if (mode !== undefined && mode !== 'ro' && mode !== 'rw')
      throw new InvalidArgument(`invalid mode for volumes-from: ${mode}`);
    const from = table.get(name);
    for (const mp of from.mounts) {
      if (mp.Type === 'tmpfs') continue;
      if (
        own.some((m) => m.destination === mp.Destination) ||
        out.some((m) => m.destination === mp.Destination)
      )
        continue;
      out.push(mountSpecOf(mp, mode));
    }
  }
  return out;
}

/** A resolved mount back as a spec (`mode` ro/rw overrides its writability). */
export function mountSpecOf(mp: MountPoint, mode?: string): MountSpec {
  const volume = mp.Type === 'volume';
  return {
    type: volume ? 'volume' : 'bind',
    source: volume ? (mp.Name ?? '') : mp.Source,
    destination: mp.Destination,
    readOnly: mode === undefined ? !mp.RW : mode === 'ro',
    mode: mode ?? mp.Mode,
    propagation: mp.Propagation,
    copyData: false,
    nonRecursive: false,
    tmpfsOptions: [],
    origin: 'mounts',
  };
}
