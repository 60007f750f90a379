import { accessSync, constants, lstatSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { HostConfig } from '../daemon/wire/containers.js';
import { Conflict, InvalidArgument } from '../errors.js';
import type { OciConfig, OciDevice, OciDeviceRule } from '../runtime/config/oci-config.js';
import type { Ctx } from './context.js';
import { buildOciSpec, type ResolvedMount } from './oci/oci-spec.js';
import { collectMounts, type MountSpec } from './oci/parse-mounts.js';
import { resolveUser } from './oci/user.js';
import type { ContainerRecord } from './types.js';
import { mountSpecOf } from './volumes-from.js';

/** A file of the image read without following a symlink out of the rootfs (an absent file is undefined). */
function readImageFile(rootfs: string, path: string): string | undefined {
  const full = join(rootfs, path);
  try {
    if (!lstatSync(full).isFile()) return undefined;
    return readFileSync(full, 'utf8');
  } catch {
    return undefined;
  }
}

/** The host's docker-init or tini, for HostConfig.Init. */
export function findInitBinary(): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(delimiter)) {
    for (const name of ['docker-init', 'tini-static', 'tini']) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // next
      }
    }
  }
  return undefined;
}

function devicesOf(host: HostConfig): { nodes: OciDevice[]; rules: OciDeviceRule[] } {
  const nodes: OciDevice[] = [];
  const rules: OciDeviceRule[] = [];
  for (const d of host.Devices ?? []) {
    const hostPath = d.PathOnHost ?? '';
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(hostPath);
    } catch {
      throw new InvalidArgument(
        `error gathering device information while adding custom device "${hostPath}": no such file or directory`,
      );
    }
    const type = st.isCharacterDevice() ? 'c' : st.isBlockDevice() ? 'b' : undefined;
    if (!type)
      throw new InvalidArgument(
        `error gathering device information while adding custom device "${hostPath}": not a device node`,
      );
    const major = Number((BigInt(st.rdev) >> 8n) & 0xfffn);
    const minor = Number((BigInt(st.rdev) & 0xffn) | ((BigInt(st.rdev) >> 12n) & 0xfff00n));
    nodes.push({
      type,
      path: d.PathInContainer || hostPath,
      major,
      minor,
      fileMode: st.mode & 0o7777,
      uid: 0,
      gid: 0,
    });
    rules.push({ allow: true, type, major, minor, access: d.CgroupPermissions || 'rwm' });
  }
  return { nodes, rules };
}

/** `container:<name|id>` modes: the other container's namespace, which must be running. */
function joinPath(ctx: Ctx, mode: string | undefined, ns: string): string | undefined {
  if (!mode?.startsWith('container:')) return undefined;
  const other = ctx.table.get(mode.slice('container:'.length));
  if (other.state.status !== 'running' || other.state.pid <= 0)
    throw new Conflict(`cannot join network of a non running container: ${other.id}`);
  return `/proc/${other.state.pid}/ns/${ns}`;
}

/** The OCI config for this start of `record`, its rootfs mounted at `rootfs` (users and groups come from it). */
export function prepareSpec(ctx: Ctx, record: ContainerRecord, rootfs: string): OciConfig {
  const host = record.hostConfig;
  const user = resolveUser(
    record.config.User ?? '',
    readImageFile(rootfs, 'etc/passwd'),
    readImageFile(rootfs, 'etc/group'),
    host.GroupAdd ?? [],
  );
  const own = collectMounts(host, Object.keys(record.config.Volumes ?? {}));
  const specs = [
    ...own,
    ...record.mounts
      .filter((m) => !own.some((o) => o.destination === m.Destination))
      .map((m) => mountSpecOf(m)),
  ];
  const mounts: ResolvedMount[] = specs.map((spec) => ({ spec, hostPath: hostPathOf(record, spec) }));
  let initBinary: string | undefined;
  if (host.Init) {
    initBinary = ctx.opts.initBinary ?? findInitBinary();
    if (!initBinary) throw new InvalidArgument('Init: no docker-init or tini binary found on this host');
  }
  return buildOciSpec({
    id: record.id,
    config: record.config,
    host,
    rootfs,
    user,
    mounts,
    etc: {
      hostsPath: record.hostsPath,
      hostnamePath: record.hostnamePath,
      resolvConfPath: record.resolvConfPath,
    },
    initBinary,
    join: {
      network: joinPath(ctx, host.NetworkMode, 'net'),
      ipc: joinPath(ctx, host.IpcMode, 'ipc'),
      pid: joinPath(ctx, host.PidMode, 'pid'),
    },
    devices: devicesOf(host),
  });
}

/** A mount's host side from the record's resolved Mounts (volumes by destination). */
function hostPathOf(record: ContainerRecord, spec: MountSpec): string {
  if (spec.type === 'tmpfs') return '';
  if (spec.type === 'bind') return spec.source;
  const mp = record.mounts.find((m) => m.Destination === spec.destination && m.Type === 'volume');
  if (!mp) throw new Conflict(`volume for ${spec.destination} is missing from the container's record`);
  return mp.Source;
}
