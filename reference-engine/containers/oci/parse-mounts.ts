import { posix } from 'node:path';
import type { HostConfig, Mount, MountType } from '../../daemon/wire/containers.js';
import { InvalidArgument } from '../../errors.js';

/**
 * One mount a container asked for, from Binds, Mounts, Tmpfs or the image's Volumes, before volumes are
 * resolved: `source` is a host path (bind), a volume name ('' = anonymous) or '' (tmpfs).
 */
export interface MountSpec {
  type: Exclude<MountType, 'npipe'>;
  source: string;
  destination: string;
  readOnly: boolean;
  /** Inspect's Mode: the Binds mode text ('ro', 'z', ...) or ''. */
  mode: string;
  propagation: string;
  /** Copy the image's content into a volume on first use (off with nocopy / NoCopy). */
  copyData: boolean;
  nonRecursive: boolean;
  /** tmpfs mount options (size=..., mode=..., noexec, ...). */
  tmpfsOptions: string[];
  /** Where it came from: a missing Binds source directory is created (Docker does), a Mounts one refused. */
  origin: 'binds' | 'mounts' | 'tmpfs' | 'image';
  volumeLabels?: Record<string, string>;
  volumeDriverOpts?: Record<string, string>;
}

const PROPAGATIONS = ['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave'];

function checkDestination(dest: string, spec: string): string {
  if (!posix.isAbsolute(dest))
    throw new InvalidArgument(
      `invalid volume specification: '${spec}': invalid mount config for type "bind": invalid mount path: '${dest}' mount path must be absolute`,
    );
  const clean = posix.normalize(dest);
  if (clean === '/')
    throw new InvalidArgument(
      `invalid volume specification: '${spec}': invalid mount config: destination can't be '/'`,
    );
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}

function base(
  type: MountSpec['type'],
  source: string,
  destination: string,
  origin: MountSpec['origin'],
): MountSpec {
  return {
    type,
    source,
    destination,
    readOnly: false,
    mode: '',
    propagation: type === 'bind' ? 'rprivate' : '',
    copyData: type === 'volume',
    nonRecursive: false,
    tmpfsOptions: [],
    origin,
  };
}

/** A `Binds` entry: `SRC:DEST[:MODE]` where SRC is an absolute host path (bind) or a volume name. */
export function parseBind(spec: string): MountSpec {
  const parts = spec.split(':');
  if (parts.length < 2 || parts.length > 3 || parts[0] === '' || parts[1] === '')
    throw new InvalidArgument(`invalid volume specification: '${spec}'`);
  const [source = '', dest = '', mode = ''] = parts;
  const isPath = source.startsWith('/');
  if (!isPath && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(source))
    throw new InvalidArgument(
      `invalid volume specification: '${spec}': "${source}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
    );
  const m = base(
    isPath ? 'bind' : 'volume',
    isPath ? posix.normalize(source) : source,
    checkDestination(dest, spec),
    'binds',
  );
  m.mode = mode;
  for (const opt of mode.split(',').filter(Boolean)) {
    if (opt === 'ro') m.readOnly = true;
    else if (opt === 'rw') m.readOnly = false;
    else if (opt === 'nocopy' && !isPath) m.copyData = false;
    else if (PROPAGATIONS.includes(opt) && isPath) m.propagation = opt;
    else if (opt === 'z' || opt === 'Z')
      continue; // SELinux labels: nothing to do here
    else throw new InvalidArgument(`invalid mode: ${opt}`);
  }
  return m;
}

/** A `HostConfig.Mounts` entry (bind, volume, tmpfs). */
export function parseMount(mount: Mount): MountSpec {
  const type = mount.Type;
  const label = `invalid mount config for type "${type ?? ''}"`;
  if (type !== 'bind' && type !== 'volume' && type !== 'tmpfs')
    throw new InvalidArgument(`mount type unknown: ${JSON.stringify(type ?? '')}`);
  if (!mount.Target) throw new InvalidArgument(`${label}: field Target must not be empty`);
  const dest = checkDestination(mount.Target, mount.Target);
  const source = mount.Source ?? '';
  if (type === 'bind') {
    if (!source) throw new InvalidArgument(`${label}: field Source must not be empty`);
    if (!posix.isAbsolute(source))
      throw new InvalidArgument(`${label}: invalid mount path: '${source}' mount path must be absolute`);
    if (mount.VolumeOptions || mount.TmpfsOptions)
      throw new InvalidArgument(`${label}: field VolumeOptions/TmpfsOptions must not be specified`);
  }
  if (type === 'tmpfs' && source) throw new InvalidArgument(`${label}: field Source must not be specified`);
  if (type === 'volume' && mount.BindOptions)
    throw new InvalidArgument(`${label}: field BindOptions must not be specified`);
  const m = base(type, type === 'bind' ? posix.normalize(source) : source, dest, 'mounts');
  m.readOnly = mount.ReadOnly === true;
  if (type === 'bind') {
    m.propagation = mount.BindOptions?.Propagation || 'rprivate';
    m.nonRecursive = mount.BindOptions?.NonRecursive === true;
  }
  if (type === 'volume') {
    m.copyData = mount.VolumeOptions?.NoCopy !== true;
    m.volumeLabels = mount.VolumeOptions?.Labels;
    m.volumeDriverOpts = mount.VolumeOptions?.DriverConfig?.Options;
  }
  if (type === 'tmpfs') {
    const t = mount.TmpfsOptions;
    if (t?.SizeBytes) m.tmpfsOptions.push(`size=${t.SizeBytes}`);
    if (t?.Mode) m.tmpfsOptions.push(`mode=${t.Mode.toString(8)}`);
  }
  return m;
}

/** A `HostConfig.Tmpfs` entry: destination and its mount(8) option text. */
export function parseTmpfs(dest: string, options: string): MountSpec {
  const m = base('tmpfs', '', checkDestination(dest, dest), 'tmpfs');
  for (const o of options.split(',').filter(Boolean)) {
    if (o === 'ro') m.readOnly = true;
    else if (o !== 'rw') m.tmpfsOptions.push(o);
  }
  return m;
}

/**
 * Every mount of a create request: Binds, Mounts, Tmpfs, then the image's Volumes not covered by one of
 * them (as anonymous volumes). Two mounts on one destination are a 400, as with dockerd.
 */
export function collectMounts(host: HostConfig, imageVolumes: readonly string[]): MountSpec[] {
  const out: MountSpec[] = [];
  const add = (m: MountSpec) => {
    if (out.some((o) => o.destination === m.destination))
      throw new InvalidArgument(`Duplicate mount point: ${m.destination}`);
    out.push(m);
  };
  for (const b of host.Binds ?? []) add(parseBind(b));
  for (const m of host.Mounts ?? []) add(parseMount(m));
  for (const [dest, opts] of Object.entries(host.Tmpfs ?? {})) add(parseTmpfs(dest, opts));
  for (const v of imageVolumes) {
    const dest = checkDestination(v, v);
    if (!out.some((o) => o.destination === dest)) out.push(base('volume', '', dest, 'image'));
  }
  return out;
}
