import type {
  OciHook,
  OciHookKind,
  OciMount,
  OciNamespace,
  OciNamespaceType,
  OciResources,
} from '../../../../spec/oci-runtime.js';
import type { BundleOption } from './option.js';

export const withHostname =
  (hostname: string): BundleOption =>
  (c) => {
    c.hostname = hostname;
  };

/** Adds a mount; one already at the same destination is replaced. */
export const withMount =
  (mount: OciMount): BundleOption =>
  (c) => {
    c.mounts = [...c.mounts.filter((m) => m.destination !== mount.destination), mount];
  };

/** Replaces the namespace list (default: pid, network, ipc, uts, mount). */
export const withNamespaces =
  (...namespaces: (OciNamespaceType | OciNamespace)[]): BundleOption =>
  (c) => {
    c.linux.namespaces = namespaces.map((n) => (typeof n === 'string' ? { type: n } : n));
  };

export const withHook =
  (kind: OciHookKind, hook: OciHook): BundleOption =>
  (c) => {
    c.hooks = { ...c.hooks, [kind]: [...(c.hooks?.[kind] ?? []), hook] };
  };

export const withReadonlyRoot =
  (readonly = true): BundleOption =>
  (c) => {
    c.root = { ...c.root, readonly };
  };

/** Merges resources over the defaults (the device deny-all rule stays unless `devices` is given). */
export const withResources =
  (resources: OciResources): BundleOption =>
  (c) => {
    c.linux.resources = { ...c.linux.resources, ...resources };
  };

export const withAnnotations =
  (annotations: Readonly<Record<string, string>>): BundleOption =>
  (c) => {
    c.annotations = { ...c.annotations, ...annotations };
  };

export const withCgroupsPath =
  (path: string): BundleOption =>
  (c) => {
    c.linux.cgroupsPath = path;
  };
