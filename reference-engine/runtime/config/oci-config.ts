/**
 * The OCI runtime config (config.md, config-linux.md) as shiprun reads it: the fields it acts on,
 * with the spec's names and shapes. Values are checked by `validateConfig` before any use. The element
 * types are the harness's (one definition of the spec's shapes); the document's top level is optional
 * here, since shiprun reads any config while the harness writes complete ones.
 */
import {
  HOOK_KINDS,
  NAMESPACE_TYPES,
  type OciHook,
  type OciHookKind,
  type OciMount,
  type OciNamespace,
  type OciProcess,
  type OciResources,
} from '../../../spec/oci-runtime.js';

export type {
  OciDeviceRule,
  OciHook,
  OciHookKind,
  OciMount,
  OciNamespace,
  OciNamespaceType,
  OciProcess,
  OciResources,
  OciRlimit,
  OciUser,
} from '../../../spec/oci-runtime.js';
// Re-exported through local bindings: the CLI's one-file bundle rewrites imports, not `export … from`.
export { HOOK_KINDS, NAMESPACE_TYPES };

export interface OciIdMapping {
  containerID: number;
  hostID: number;
  size: number;
}

export interface OciDevice {
  type: string;
  path: string;
  major?: number;
  minor?: number;
  fileMode?: number;
  uid?: number;
  gid?: number;
}

export interface OciSeccompArg {
  index: number;
  value: number;
  valueTwo?: number;
  op: string;
}

export interface OciSeccomp {
  defaultAction: string;
  defaultErrnoRet?: number;
  architectures?: string[];
  syscalls?: { names: string[]; action: string; errnoRet?: number; args?: OciSeccompArg[] }[];
}

export interface OciLinux {
  namespaces?: OciNamespace[];
  uidMappings?: OciIdMapping[];
  gidMappings?: OciIdMapping[];
  devices?: OciDevice[];
  resources?: OciResources;
  cgroupsPath?: string;
  rootfsPropagation?: string;
  maskedPaths?: string[];
  readonlyPaths?: string[];
  sysctl?: Record<string, string>;
  seccomp?: OciSeccomp;
}

export interface OciConfig {
  ociVersion: string;
  process?: OciProcess;
  root?: { path: string; readonly?: boolean };
  hostname?: string;
  domainname?: string;
  mounts?: OciMount[];
  hooks?: Partial<Record<OciHookKind, OciHook[]>>;
  annotations?: Record<string, string>;
  linux?: OciLinux;
}
