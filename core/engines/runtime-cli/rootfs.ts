import { chmod, copyFile, cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The applets linked into a busybox rootfs; pass `extraApplets` for more. */
export const BUSYBOX_APPLETS = ['sh', 'cat', 'echo', 'sleep', 'ls', 'id', 'hostname', 'env', 'true', 'false'];

/** Directories every rootfs gets, so mounts work even with a read-only root. */
const SKELETON = ['bin', 'dev', 'proc', 'sys', 'tmp', 'etc', 'root'];

/** A rootfs from explicit parts; everything is optional and applied in the order listed. */
export interface RootfsParts {
  /** Copy /bin/busybox (or `busybox.path`) in with its applet links. */
  readonly busybox?: boolean | { path?: string; extraApplets?: readonly string[] };
  /** Static binaries to copy in: container path -> host path. */
  readonly binaries?: Readonly<Record<string, string>>;
  /** Files to write: container path -> content. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** Symlinks: container path -> target. */
  readonly symlinks?: Readonly<Record<string, string>>;
}

/** `'busybox'`, a host directory to copy, or explicit parts. */
export type RootfsSource = 'busybox' | { readonly copyFrom: string } | RootfsParts;

const inRoot = (rootfs: string, path: string): string => join(rootfs, path.replace(/^\/+/, ''));

/** Copies a static busybox to /bin/busybox and links each applet to it. */
export async function populateBusybox(
  rootfs: string,
  opts?: { path?: string; extraApplets?: readonly string[] },
): Promise<void> {
  await mkdir(join(rootfs, 'bin'), { recursive: true });
  await copyFile(opts?.path ?? '/bin/busybox', join(rootfs, 'bin', 'busybox'));
  await chmod(join(rootfs, 'bin', 'busybox'), 0o755);
  const applets = new Set([...BUSYBOX_APPLETS, ...(opts?.extraApplets ?? [])]);
  for (const applet of applets) await symlink('busybox', join(rootfs, 'bin', applet));
}

/** Copies a (static) host binary into the rootfs, by default to /bin/<name>. Returns the container path. */
export async function copyBinary(rootfs: string, hostPath: string, containerPath?: string): Promise<string> {
  const dest = containerPath ?? `/bin/${basename(hostPath)}`;
  await mkdir(dirname(inRoot(rootfs, dest)), { recursive: true });
  await copyFile(hostPath, inRoot(rootfs, dest));
  await chmod(inRoot(rootfs, dest), 0o755);
  return dest;
}

export async function populateRootfs(rootfs: string, source: RootfsSource): Promise<void> {
  await mkdir(rootfs, { recursive: true });
  if (typeof source === 'object' && 'copyFrom' in source) {
    await cp(source.copyFrom, rootfs, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  }
  for (const dir of SKELETON) await mkdir(join(rootfs, dir), { recursive: true });
  const parts: RootfsParts = source === 'busybox' ? { busybox: true } : 'copyFrom' in source ? {} : source;
  if (parts.busybox) await populateBusybox(rootfs, parts.busybox === true ? undefined : parts.busybox);
  for (const [dest, host] of Object.entries(parts.binaries ?? {})) await copyBinary(rootfs, host, dest);
  for (const [dest, content] of Object.entries(parts.files ?? {})) {
    await mkdir(dirname(inRoot(rootfs, dest)), { recursive: true });
    await writeFile(inRoot(rootfs, dest), content);
  }
  for (const [dest, target] of Object.entries(parts.symlinks ?? {})) {
    await mkdir(dirname(inRoot(rootfs, dest)), { recursive: true });
    await symlink(target, inRoot(rootfs, dest));
  }
}
