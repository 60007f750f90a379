import { dirname, relative } from 'node:path';
import { errnoCode, native } from '../syscalls/index.js';
import type { Mount } from './types.js';

const PAGE = 4096;

/** Mounts `mounts` on `target` in order (later ones stack on earlier ones). Root only. */
export async function mountAll(mounts: readonly Mount[], target: string): Promise<void> {
  for (const m of mounts) mountOne(m, target);
}

/** Unmounts `target` (lazily when busy); a target that is not mounted is not an error. */
export async function unmount(target: string): Promise<void> {
  const n = native();
  try {
    n.umount2(target, 0);
  } catch (err) {
    if (errnoCode(err) === 'EINVAL' || errnoCode(err) === 'ENOENT') return;
    if (errnoCode(err) !== 'EBUSY') throw err;
    n.umount2(target, n.constants.MNT_DETACH);
  }
}

function mountOne(m: Mount, target: string): void {
  const n = native();
  const c = n.constants;
  const flagOf: Record<string, number> = {
    ro: c.MS_RDONLY,
    nosuid: c.MS_NOSUID,
    nodev: c.MS_NODEV,
    noexec: c.MS_NOEXEC,
  };
  let flags = 0;
  const data: string[] = [];
  for (const option of m.options) {
    if (option in flagOf) flags |= flagOf[option] as number;
    else if (option === 'bind') flags |= c.MS_BIND;
    else if (option === 'rbind') flags |= c.MS_BIND | c.MS_REC;
    else if (option !== 'rw') data.push(option);
  }
  if (flags & c.MS_BIND) {
    n.mount(m.source, target, '', flags & (c.MS_BIND | c.MS_REC), null);
    // A bind mount ignores other flags until it is remounted with them.
    if (flags & ~(c.MS_BIND | c.MS_REC)) n.mount('', target, '', flags | c.MS_REMOUNT | c.MS_BIND, null);
    return;
  }
  withShortOptions(data, (options) => n.mount(m.source, target, m.type, flags, options));
}

/**
 * The kernel takes at most one page of mount options. When absolute lowerdir paths do not fit, mount
 * from their common parent directory with relative paths (what Docker's overlay2 does with its l/ dir).
 * The chdir is synchronous with the mount, so no other JS runs with the changed cwd.
 */
function withShortOptions(options: string[], mount: (data: string) => void): void {
  const data = options.join(',');
  const lower = options.find((o) => o.startsWith('lowerdir='));
  if (data.length < PAGE || lower === undefined) {
    mount(data);
    return;
  }
  const dirs = lower.slice('lowerdir='.length).split(':');
  const base = dirs.reduce((common, dir) => commonDir(common, dir), dirname(dirs[0] as string));
  const short = options.map((o) =>
    o === lower ? `lowerdir=${dirs.map((d) => relative(base, d)).join(':')}` : o,
  );
  const cwd = process.cwd();
  process.chdir(base);
  try {
    mount(short.join(','));
  } finally {
    process.chdir(cwd);
  }
}

function commonDir(a: string, b: string): string {
  let dir = a;
  while (dir !== '/' && !(b === dir || b.startsWith(`${dir}/`))) dir = dirname(dir);
  return dir;
}
