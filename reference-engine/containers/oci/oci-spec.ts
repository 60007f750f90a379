import type { ContainerConfig, HostConfig } from '../../daemon/wire/containers.js';
import type {
  OciConfig,
  OciDevice,
  OciDeviceRule,
  OciMount,
  OciNamespace,
  OciRlimit,
} from '../../runtime/config/oci-config.js';
import { effectiveCaps } from './capabilities.js';
import { DEFAULT_SHM_SIZE, defaultMounts, MASKED_PATHS, READONLY_PATHS } from './default-mounts.js';
import { processEnv } from './env.js';
import type { MountSpec } from './parse-mounts.js';
import { ociResources } from './resources.js';
import { defaultSeccomp, seccompUnconfined } from './seccomp-profile.js';
import type { ResolvedUser } from './user.js';

/** Where Docker's --init binary appears inside the container. */
export const INIT_PATH = '/sbin/docker-init';

/** A requested mount with its host side resolved (a bind's path, a volume's _data; '' for tmpfs). */
export interface ResolvedMount {
  spec: MountSpec;
  hostPath: string;
}

export interface SpecInput {
  id: string;
  /** The merged Config (image defaults applied at create). */
  config: ContainerConfig;
  host: HostConfig;
  rootfs: string;
  user: ResolvedUser;
  mounts: readonly ResolvedMount[];
  etc: { hostsPath: string; hostnamePath: string; resolvConfPath: string };
  /** Host path of the init binary when HostConfig.Init is set. */
  initBinary?: string;
  /** Namespaces to join (`container:<id>` modes): /proc/PID/ns/... paths. */
  join?: Partial<Record<'network' | 'ipc' | 'pid', string>>;
  /** Device nodes from HostConfig.Devices, with their cgroup rules. */
  devices?: { nodes: OciDevice[]; rules: OciDeviceRule[] };
}

/** A mode that shares the host's namespace, or joins another's (handled through `join`). */
const hostMode = (mode: string | undefined) => mode === 'host';

function namespaces(input: SpecInput): OciNamespace[] {
  const h = input.host;
  const ns: OciNamespace[] = [{ type: 'mount' }];
  const add = (type: OciNamespace['type'], host: boolean, path?: string) => {
    if (path) ns.push({ type, path });
    else if (!host) ns.push({ type });
  };
  add('network', hostMode(h.NetworkMode), input.join?.network);
  add('uts', hostMode(h.UTSMode));
  add('pid', hostMode(h.PidMode), input.join?.pid);
  add('ipc', hostMode(h.IpcMode), input.join?.ipc);
  if (h.CgroupnsMode === 'private') ns.push({ type: 'cgroup' });
  return ns;
}

const depth = (p: string) => p.split('/').filter(Boolean).length;

function userMounts(input: SpecInput): OciMount[] {
  const sorted = [...input.mounts].sort((a, b) => depth(a.spec.destination) - depth(b.spec.destination));
  return sorted.map(({ spec, hostPath }) => {
    if (spec.type === 'tmpfs') {
      const options = mergeTmpfs(['noexec', 'nosuid', 'nodev', 'rprivate', ...spec.tmpfsOptions]);
      if (spec.readOnly) options.push('ro');
      return { destination: spec.destination, type: 'tmpfs', source: 'tmpfs', options };
    }
    const options = [spec.nonRecursive ? 'bind' : 'rbind'];
    if (spec.readOnly) options.push('ro');
    options.push(spec.propagation || 'rprivate');
    return { destination: spec.destination, type: 'bind', source: hostPath, options };
  });
}

/** dockerd's MergeTmpfsOptions: later flags win over their opposites (exec over noexec), one of each. */
function mergeTmpfs(options: readonly string[]): string[] {
  const opposite: Record<string, string> = {
    exec: 'noexec',
    noexec: 'exec',
    suid: 'nosuid',
    nosuid: 'suid',
    dev: 'nodev',
    nodev: 'dev',
  };
  const out: string[] = [];
  for (const o of options) {
    const key = o.split('=')[0] as string;
    const drop = (x: string) => x === o || x.split('=')[0] === key || x === opposite[o];
    for (let i = out.length - 1; i >= 0; i--) if (drop(out[i] as string)) out.splice(i, 1);
    if (o === 'exec' || o === 'suid' || o === 'dev') continue;
    out.push(o);
  }
  return out;
}

function mounts(input: SpecInput): OciMount[] {
  const h = input.host;
  const taken = new Set(input.mounts.map((m) => m.spec.destination));
  const defaults = defaultMounts({
    privileged: h.Privileged === true,
    shmSize: h.ShmSize || DEFAULT_SHM_SIZE,
    ipcHost: hostMode(h.IpcMode),
  }).filter((m) => !taken.has(m.destination));
  const init: OciMount[] = input.initBinary
    ? [{ destination: INIT_PATH, type: 'bind', source: input.initBinary, options: ['bind', 'ro'] }]
    : [];
  const etcOptions = ['rbind', ...(h.ReadonlyRootfs ? ['ro'] : []), 'rprivate'];
  const etc: OciMount[] = [
    ['/etc/resolv.conf', input.etc.resolvConfPath],
    ['/etc/hostname', input.etc.hostnamePath],
    ['/etc/hosts', input.etc.hostsPath],
  ]
    .filter(([dest]) => !taken.has(dest as string))
    .map(([destination, source]) => ({ destination, type: 'bind', source, options: etcOptions }) as OciMount);
  return [...defaults, ...init, ...userMounts(input), ...etc];
}

function rlimits(host: HostConfig): OciRlimit[] | undefined {
  const list = (host.Ulimits ?? []).map((u) => ({
    type: `RLIMIT_${(u.Name ?? '').toUpperCase()}`,
    hard: u.Hard ?? 0,
    soft: u.Soft ?? 0,
  }));
  return list.length > 0 ? list : undefined;
}

export const noNewPrivileges = (opts: readonly string[] | null | undefined): boolean =>
  (opts ?? []).some(
    (o) => o === 'no-new-privileges' || o === 'no-new-privileges:true' || o === 'no-new-privileges=true',
  );

/** The args of the user process: Entrypoint then Cmd (an Entrypoint of [""] counts as none). */
export function commandOf(config: ContainerConfig): string[] {
  const entry = (config.Entrypoint ?? []).filter(
    (a, i) => !(i === 0 && a === '' && config.Entrypoint?.length === 1),
  );
  return [...entry, ...(config.Cmd ?? [])];
}

/**
 * The OCI runtime config for one start, as dockerd builds it from Config and HostConfig (its defaults:
 * capabilities, mounts, masked and read-only paths, device rules, sysctls of a private network).
 */
export function buildOciSpec(input: SpecInput): OciConfig {
  const { config, host, user } = input;
  const privileged = host.Privileged === true;
  const caps = effectiveCaps(host.CapAdd, host.CapDrop, privileged);
  const args = commandOf(config);
  const privateNet = !hostMode(host.NetworkMode) && !input.join?.network;
  const sysctl: Record<string, string> = privateNet
    ? { 'net.ipv4.ip_unprivileged_port_start': '0', 'net.ipv4.ping_group_range': '0 2147483647' }
    : {};
  Object.assign(sysctl, host.Sysctls ?? {});
  const size = host.ConsoleSize;
  const spec: OciConfig = {
    ociVersion: '1.0.2',
    process: {
      terminal: config.Tty === true,
      ...(config.Tty && size?.[0] && size[1] ? { consoleSize: { height: size[0], width: size[1] } } : {}),
      user: { uid: user.uid, gid: user.gid, additionalGids: user.additionalGids },
      args: input.initBinary ? [INIT_PATH, '--', ...args] : args,
      env: processEnv({
        hostname: config.Hostname ?? '',
        tty: config.Tty === true,
        env: config.Env ?? [],
        home: user.home,
      }),
      cwd: config.WorkingDir || '/',
      capabilities: { bounding: caps, effective: caps, permitted: caps },
      oomScoreAdj: host.OomScoreAdj ?? 0,
    },
    root: { path: input.rootfs, readonly: host.ReadonlyRootfs === true },
    mounts: mounts(input),
    linux: {
      namespaces: namespaces(input),
      resources: ociResources(host, input.devices?.rules),
      cgroupsPath: host.CgroupParent ? `${host.CgroupParent}/${input.id}` : `/shipd-${input.id}`,
      maskedPaths: privileged ? [] : [...(host.MaskedPaths ?? MASKED_PATHS)],
      readonlyPaths: privileged ? [] : [...(host.ReadonlyPaths ?? READONLY_PATHS)],
      sysctl,
    },
  };
  const limits = rlimits(host);
  if (limits && spec.process) spec.process.rlimits = limits;
  if (noNewPrivileges(host.SecurityOpt) && spec.process) spec.process.noNewPrivileges = true;
  if (!privileged && !seccompUnconfined(host.SecurityOpt) && spec.linux)
    spec.linux.seccomp = defaultSeccomp(caps);
  if (!hostMode(host.UTSMode) && config.Hostname) spec.hostname = config.Hostname;
  if (config.Domainname) spec.domainname = config.Domainname;
  if (input.devices?.nodes.length && spec.linux) spec.linux.devices = input.devices.nodes;
  return spec;
}
