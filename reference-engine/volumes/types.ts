/**
 * The volume store the daemon and the container manager share: local volumes under
 * ROOT/volumes/<name>/_data, each with ROOT/volumes/<name>/opts.json (driver, labels, options, created).
 *
 *   const volumes = await LocalVolumeStore.open('/var/lib/shipd/volumes', { containersUsing });
 *   const v = await volumes.create({ Name: 'data', Labels: { a: 'b' } }); // existing name: returned as is
 *   const anon = await volumes.ensure();             // a new anonymous volume (64-hex name)
 *   await volumes.ensure('data');                    // named volume of `-v data:/x`: created if missing
 *   const hostPath = await volumes.mount('data', containerId);   // at container start; tmpfs etc. mounted
 *   await volumes.copyUp('data', '/rootfs/x');       // image content into a still-empty, never-used volume
 *   await volumes.unmount('data', containerId);      // at container stop; the last user unmounts
 *   volumes.list({ dangling: ['true'] });
 *   await volumes.remove('data');                    // Conflict while a container uses it, unless force
 *
 * Errors: NotFound (no such volume), Conflict (in use), InvalidArgument (bad name, driver other than
 * `local`, bad filter).
 */
export interface VolumeStore {
  create(options: VolumeCreateOptions): Promise<Volume>;
  /** The named volume, created when missing; with no name, a new anonymous volume. */
  ensure(name?: string): Promise<Volume>;
  /**
   * Copies `fromDir` (the image's content at the mount point) into the volume, as Docker does on a
   * volume's first use: only when the volume has never been copied into and its _data is empty.
   */
  copyUp(name: string, fromDir: string): Promise<void>;
  /**
   * Takes a reference for container `ref` and returns the host path to bind into the container. A
   * volume with DriverOpts `type`/`device`/`o` (tmpfs, a bind, a device) is mounted on its _data by the
   * first reference; one already mounted (a daemon restart with running containers) is not remounted.
   */
  mount(name: string, ref: string): Promise<string>;
  /** Drops `ref`'s reference; the last one unmounts what `mount` mounted. Unknown refs are ignored. */
  unmount(name: string, ref: string): Promise<void>;
  inspect(name: string): Promise<Volume>;
  /** Size of the volume's data and how many containers use it (for /system/df). */
  usage(name: string): Promise<{ Size: number; RefCount: number }>;
  list(filters?: VolumeFilters): Promise<Volume[]>;
  /** `force` removes even while in use (Docker's force also ignores a missing volume). */
  remove(name: string, options?: { force?: boolean }): Promise<void>;
  prune(filters?: VolumeFilters): Promise<VolumePruneResult>;
  /** The host path of a volume's data (its Mountpoint). */
  mountpoint(name: string): string;
}

/** Which containers use volume `name` (their ids); blocks remove and prune. */
export type VolumeUsers = (name: string) => string[];

/** Docker's filters map: `{ dangling: ['true'], name: ['x'], label: ['k=v'], driver: ['local'] }`. */
export type VolumeFilters = Record<string, string[]>;

/** POST /volumes/create's body (VolumeCreateOptions in the swagger). */
export interface VolumeCreateOptions {
  Name?: string;
  Driver?: string;
  DriverOpts?: Record<string, string>;
  Labels?: Record<string, string>;
}

/** The Volume wire shape of the Engine API. */
export interface Volume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt: string;
  Labels: Record<string, string>;
  Scope: 'local';
  Options: Record<string, string>;
  Status?: Record<string, unknown>;
  UsageData?: { Size: number; RefCount: number } | null;
}

export interface VolumePruneResult {
  VolumesDeleted: string[];
  SpaceReclaimed: number;
}
