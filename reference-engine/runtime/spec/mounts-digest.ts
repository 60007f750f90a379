import { isAbsolute, join, resolve } from 'node:path';
import type { OciMount } from '../config/oci-config.js';
import { record } from './escape.js';
import { MS, parseMountOptions } from './mount-options.js';

/** A cgroup hierarchy as the container should see it: where it goes and the host dir to bind there. */
export interface CgroupView {
  readonly name: string;
  readonly hostDir: string;
}

/** What the mount digest needs besides the config: the bundle (for relative sources) and cgroup views. */
export interface MountContext {
  readonly bundleDir: string;
  /** v1: one view per hierarchy; v2 (undefined): the cgroup mount is a cgroup2 mount. */
  readonly cgroupViews?: readonly CgroupView[];
}

const line = (dest: string, type: string, source: string, flags: number, data: string, prop: number) =>
  record('mount', dest, type, source, flags, data, prop);

/** v1 hosts: a tmpfs with every hierarchy's container cgroup bound into it, then made read-only. */
function cgroupV1(m: OciMount, views: readonly CgroupView[], flags: number): string {
  const base = flags & (MS.NOSUID | MS.NODEV | MS.NOEXEC);
  let out = line(m.destination, 'tmpfs', 'tmpfs', base, 'mode=755', 0);
  for (const v of views) {
    out += line(join(m.destination, v.name), 'bind', v.hostDir, MS.BIND | base | (flags & MS.RDONLY), '', 0);
  }
  if (flags & MS.RDONLY) out += record('remount', m.destination, 'tmpfs', 'tmpfs', base | MS.RDONLY, '', 0);
  return out;
}

/** The config's mounts, in order, as `mount`/`remount` records with flags worked out. */
export function digestMounts(mounts: readonly OciMount[] | undefined, ctx: MountContext): string {
  let out = '';
  for (const given of mounts ?? []) {
    const m = given.destination.startsWith('/') ? given : { ...given, destination: `/${given.destination}` };
    const opts = parseMountOptions(m.options);
    const type = m.type ?? (opts.flags & MS.BIND ? 'bind' : 'none');
    if (type === 'cgroup' && ctx.cgroupViews) {
      out += cgroupV1(m, ctx.cgroupViews, opts.flags);
      continue;
    }
    const isBind = type === 'bind' || (opts.flags & MS.BIND) !== 0;
    const flags = isBind ? opts.flags | MS.BIND : opts.flags;
    const rawSource = m.source ?? type;
    const source = isBind && !isAbsolute(rawSource) ? resolve(ctx.bundleDir, rawSource) : rawSource;
    const fsType = type === 'cgroup' ? 'cgroup2' : type;
    out += line(m.destination, fsType, source, flags, opts.data, opts.propagation);
  }
  return out;
}
