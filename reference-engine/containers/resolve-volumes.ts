import { existsSync, mkdirSync } from 'node:fs';
import type { MountPoint } from '../daemon/wire/containers.js';
import { InvalidArgument } from '../errors.js';
import type { VolumeStore } from '../volumes/types.js';
import type { MountSpec } from './oci/parse-mounts.js';

export interface ResolvedVolumes {
  mounts: MountPoint[];
  /** Anonymous volumes made here (the caller removes them on rollback and with `remove -v`). */
  anonymous: string[];
  /** Named volumes this call created (removed again on rollback). */
  created: string[];
}

/** The specs that make an anonymous volume (a volume mount without a source). */
export const isAnonymousVolume = (m: MountSpec): boolean => m.type === 'volume' && m.source === '';

/**
 * Gives every mount its host side: bind sources checked (Binds create a missing directory, Mounts
 * refuse it), volumes created when missing (anonymous ones get `anonymousNames` in order, chosen and
 * recorded by the caller beforehand so that a crash in between can roll them back). The result is
 * inspect's Mounts list; volume MountPoints carry the volume name and its _data path.
 */
export async function resolveVolumes(
  specs: readonly MountSpec[],
  volumes: VolumeStore,
  anonymousNames: readonly string[],
): Promise<ResolvedVolumes> {
  const out: ResolvedVolumes = { mounts: [], anonymous: [], created: [] };
  const names = [...anonymousNames];
  for (const m of specs) {
    if (m.type === 'bind') {
      if (!existsSync(m.source)) {
        if (m.origin !== 'binds')
          throw new InvalidArgument(
            `invalid mount config for type "bind": bind source path does not exist: ${m.source}`,
          );
        mkdirSync(m.source, { recursive: true, mode: 0o755 });
      }
      out.mounts.push({
        Type: 'bind',
        Source: m.source,
        Destination: m.destination,
        Mode: m.mode,
        RW: !m.readOnly,
        Propagation: m.propagation,
      });
    } else if (m.type === 'volume') {
      const name = await ensureVolume(m, volumes, out, names);
      out.mounts.push({
        Type: 'volume',
        Name: name,
        Source: volumes.mountpoint(name),
        Destination: m.destination,
        Driver: 'local',
        Mode: m.mode,
        RW: !m.readOnly,
        Propagation: '',
      });
    } else if (m.origin === 'mounts') {
      out.mounts.push({
        Type: 'tmpfs',
        Source: '',
        Destination: m.destination,
        Mode: '',
        RW: !m.readOnly,
        Propagation: '',
      });
    }
  }
  return out;
}

async function ensureVolume(
  m: MountSpec,
  volumes: VolumeStore,
  out: ResolvedVolumes,
  names: string[],
): Promise<string> {
  if (m.source === '') {
    const name = names.shift();
    if (name === undefined) throw new Error('resolveVolumes: fewer anonymous names than anonymous volumes');
    await volumes.ensure(name);
    out.anonymous.push(name);
    return name;
  }
  const existed = await volumes.inspect(m.source).then(
    () => true,
    () => false,
  );
  if (!existed) {
    if (m.volumeLabels || m.volumeDriverOpts)
      await volumes.create({
        Name: m.source,
        Labels: m.volumeLabels ?? {},
        DriverOpts: m.volumeDriverOpts ?? {},
      });
    else await volumes.ensure(m.source);
    out.created.push(m.source);
  }
  return m.source;
}
