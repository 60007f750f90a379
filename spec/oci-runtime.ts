/**
 * The slice of the OCI runtime-spec config (config.md, config-linux.md) that shipshape generates, and
 * the element types shiprun reads (reference-engine/runtime/config/oci-config.ts). Field names and
 * shapes follow the spec; only the fields we use are typed.
 */
export interface OciUser {
  uid: number;
  gid: number;
  umask?: number;
  additionalGids?: number[];
}

export interface OciCapabilities {
  bounding?: string[];
  effective?: string[];
  inheritable?: string[];
  permitted?: string[];
  ambient?: string[];
}

export interface OciRlimit {
  type: string;
  hard: number;
  soft: number;
}

export interface OciProcess {
  terminal?: boolean;
  consoleSize?: { height: number; width: number };
  user: OciUser;
  args: string[];
  env?: string[];
  cwd: string;
  capabilities?: OciCapabilities;
  rlimits?: OciRlimit[];
  noNewPrivileges?: boolean;
  oomScoreAdj?: number;
}

export interface OciMount {
  destination: string;
  type?: string;
  source?: string;
  options?: string[];
}

export interface OciHook {
  path: string;
  args?: string[];
  env?: string[];
  timeout?: number;
}

/** The hook kinds config.md defines, in the order the lifecycle runs them. */
export const HOOK_KINDS = [
  'prestart',
  'createRuntime',
  'createContainer',
  'startContainer',
  'poststart',
  'poststop',
] as const;
export type OciHookKind = (typeof HOOK_KINDS)[number];

export type OciHooks = Partial<Record<OciHookKind, OciHook[]>>;

export const NAMESPACE_TYPES = ['pid', 'network', 'mount', 'ipc', 'uts', 'user', 'cgroup', 'time'] as const;
export type OciNamespaceType = (typeof NAMESPACE_TYPES)[number];

export interface OciNamespace {
  type: OciNamespaceType;
  /** Join an existing namespace (e.g. /proc/PID/ns/net) instead of creating one. */
  path?: string;
}

export interface OciDeviceRule {
  allow: boolean;
  type?: string;
  major?: number;
  minor?: number;
  access?: string;
}

export interface OciResources {
  devices?: OciDeviceRule[];
  memory?: {
    limit?: number;
    reservation?: number;
    swap?: number;
    swappiness?: number;
    disableOOMKiller?: boolean;
  };
  cpu?: { shares?: number; quota?: number; period?: number; cpus?: string; mems?: string };
  pids?: { limit: number };
  blockIO?: { weight?: number };
}

export interface OciLinux {
  namespaces?: OciNamespace[];
  resources?: OciResources;
  cgroupsPath?: string;
  maskedPaths?: string[];
  readonlyPaths?: string[];
  sysctl?: Record<string, string>;
}

export interface OciConfig {
  ociVersion: string;
  process: OciProcess;
  root: { path: string; readonly?: boolean };
  hostname?: string;
  domainname?: string;
  mounts: OciMount[];
  hooks?: OciHooks;
  annotations?: Record<string, string>;
  linux: OciLinux;
}

/** Container status values from runtime.md; runtimes may add others (crun and runc add 'paused'). */
export type OciStatus = 'creating' | 'created' | 'running' | 'stopped' | 'paused' | (string & {});

/** `<runtime> state ID`: the spec's state fields plus what runc/crun add (rootfs, created, owner). */
export interface RuntimeState {
  ociVersion: string;
  id: string;
  status: OciStatus;
  /** Present when created or running (0 or absent when stopped). */
  pid?: number;
  bundle: string;
  annotations?: Record<string, string>;
  rootfs?: string;
  created?: string;
  owner?: string;
}
