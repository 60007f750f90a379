import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Conflict, NotFound } from '../errors.js';
import { copyUp } from './copy-up.js';
import { type Deleted, deleteVolumeDir } from './delete-volume.js';
import type {
  Volume,
  VolumeCreateOptions,
  VolumeFilters,
  VolumePruneResult,
  VolumeStore,
  VolumeUsers,
} from './types.js';
import { checkVolumeFilters, volumeMatches } from './volume-filters.js';
import { readMeta, type VolumeMeta, writeMeta } from './volume-meta.js';
import { type MountTable, VolumeMounts } from './volume-mounts.js';
import { anonymousName, checkVolumeName } from './volume-name.js';
import { checkVolumeOptions } from './volume-options.js';
import { volumeSize } from './volume-size.js';

export interface LocalVolumeStoreOptions {
  /** Which containers use a volume (blocks remove and prune); none by default. */
  users?: VolumeUsers;
  /** Called after a volume is created or removed (the daemon publishes volume events). */
  onEvent?: (action: 'create' | 'destroy', name: string) => void;
  /** The mounts of this host (tests may fake it). */
  mounts?: MountTable;
}

/** The `local` driver: ROOT/<name>/_data with ROOT/<name>/opts.json. See VolumeStore. */
export class LocalVolumeStore implements VolumeStore {
  readonly #mounts: VolumeMounts;
  #users: VolumeUsers;

  private constructor(
    readonly root: string,
    private readonly options: LocalVolumeStoreOptions,
  ) {
    this.#users = options.users ?? (() => []);
    this.#mounts = new VolumeMounts(options.mounts);
  }

  /** Opens ROOT; a volume whose creation a crash cut off (no opts.json) is removed. */
  static async open(root: string, options: LocalVolumeStoreOptions = {}): Promise<LocalVolumeStore> {
    mkdirSync(root, { recursive: true, mode: 0o701 });
    for (const name of readdirSync(root)) {
      if (name.startsWith('.tmp-') || !existsSync(join(root, name, 'opts.json')))
        rmSync(join(root, name), { recursive: true, force: true });
    }
    return new LocalVolumeStore(root, options);
  }

  /** Installs the daemon's hook once the container manager exists. */
  setUsers(users: VolumeUsers): void {
    this.#users = users;
  }

  mountpoint(name: string): string {
    return join(this.root, name, '_data');
  }

  async create(options: VolumeCreateOptions): Promise<Volume> {
    const name = options.Name === undefined || options.Name === '' ? anonymousName() : options.Name;
    checkVolumeName(name);
    const driver = options.Driver === undefined || options.Driver === '' ? 'local' : options.Driver;
    if (driver !== 'local')
      throw new NotFound(
        `create ${name}: error looking up volume plugin ${driver}: plugin "${driver}" not found`,
      );
    const existing = this.#read(name);
    if (existing) return this.#volumeOf(name, existing);
    const driverOpts = options.DriverOpts ?? {};
    checkVolumeOptions(name, driverOpts);
    const meta: VolumeMeta = {
      Driver: 'local',
      Labels: options.Labels ?? {},
      Options: driverOpts,
      CreatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      copiedUp: false,
    };
    // Built under a temp name and renamed in: a crash leaves no half-made volume.
    const tmp = join(this.root, `.tmp-${name}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(join(tmp, '_data'), { recursive: true, mode: 0o755 });
    writeMeta(tmp, meta);
    renameSync(tmp, join(this.root, name));
    this.options.onEvent?.('create', name);
    return this.#volumeOf(name, meta);
  }

  async ensure(name?: string): Promise<Volume> {
    return this.create(name === undefined ? {} : { Name: name });
  }

  async copyUp(name: string, fromDir: string): Promise<void> {
    const meta = this.#get(name);
    if (meta.copiedUp) return;
    copyUp(fromDir, this.mountpoint(name));
    writeMeta(join(this.root, name), { ...meta, copiedUp: true });
  }

  async mount(name: string, ref: string): Promise<string> {
    const meta = this.#get(name);
    await this.#mounts.take(name, ref, this.mountpoint(name), meta.Options);
    return this.mountpoint(name);
  }

  async unmount(name: string, ref: string): Promise<void> {
    await this.#mounts.drop(name, ref, this.mountpoint(name));
  }

  async inspect(name: string): Promise<Volume> {
    return this.#volumeOf(name, this.#get(name));
  }

  async usage(name: string): Promise<{ Size: number; RefCount: number }> {
    this.#get(name);
    return { Size: volumeSize(this.mountpoint(name)), RefCount: this.#users(name).length };
  }

  async list(filters: VolumeFilters = {}): Promise<Volume[]> {
    checkVolumeFilters(filters, false);
    return this.#all().filter((v) => volumeMatches(v, filters, this.#users(v.Name).length > 0));
  }

  async remove(name: string, options: { force?: boolean } = {}): Promise<void> {
    const meta = this.#read(name);
    if (!meta) {
      if (options.force) return;
      throw new NotFound(`get ${name}: no such volume`);
    }
    const users = this.#users(name);
    if (users.length > 0 && !options.force)
      throw new Conflict(`remove ${name}: volume is in use - [${users.join(', ')}]`);
    await this.#delete(name);
  }

  async prune(filters: VolumeFilters = {}): Promise<VolumePruneResult> {
    checkVolumeFilters(filters, true);
    const result: VolumePruneResult = { VolumesDeleted: [], SpaceReclaimed: 0 };
    for (const volume of this.#all()) {
      if (this.#users(volume.Name).length > 0 || !volumeMatches(volume, filters, false)) continue;
      const { bytes } = await this.#delete(volume.Name);
      result.VolumesDeleted.push(volume.Name);
      result.SpaceReclaimed += bytes;
    }
    return result;
  }

  async #delete(name: string): Promise<Deleted> {
    await this.#mounts.forget(name, this.mountpoint(name));
    const deleted = deleteVolumeDir(this.root, name);
    this.options.onEvent?.('destroy', name);
    return deleted;
  }

  #all(): Volume[] {
    const out: Volume[] = [];
    for (const name of readdirSync(this.root).sort()) {
      const meta = name.startsWith('.') ? undefined : this.#read(name);
      if (meta) out.push(this.#volumeOf(name, meta));
    }
    return out;
  }

  #read(name: string): VolumeMeta | undefined {
    if (name.includes('/') || name.startsWith('.')) return undefined;
    return readMeta(join(this.root, name));
  }

  #get(name: string): VolumeMeta {
    const meta = this.#read(name);
    if (!meta) throw new NotFound(`get ${name}: no such volume`);
    return meta;
  }

  #volumeOf(name: string, meta: VolumeMeta): Volume {
    return {
      Name: name,
      Driver: meta.Driver,
      Mountpoint: this.mountpoint(name),
      CreatedAt: meta.CreatedAt,
      Labels: meta.Labels,
      Scope: 'local',
      Options: meta.Options,
    };
  }
}
