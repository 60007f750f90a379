import type { OciConfig } from '../config/oci-config.js';
import { record } from './escape.js';

const DEFAULT_DEVICES = [
  ['/dev/null', 1, 3],
  ['/dev/zero', 1, 5],
  ['/dev/full', 1, 7],
  ['/dev/random', 1, 8],
  ['/dev/urandom', 1, 9],
  ['/dev/tty', 5, 0],
] as const;

const LINKS = [
  ['/proc/self/fd', '/dev/fd'],
  ['/proc/self/fd/0', '/dev/stdin'],
  ['/proc/self/fd/1', '/dev/stdout'],
  ['/proc/self/fd/2', '/dev/stderr'],
] as const;

/** Default devices (runtime-linux.md), the config's `linux.devices` and the /dev symlinks. */
export function digestDevices(config: OciConfig): string {
  const mounts = config.mounts ?? [];
  const devBound = mounts.some(
    (m) => m.destination === '/dev' && (m.type === 'bind' || m.options?.includes('bind')),
  );
  if (devBound) return '';
  let out = '';
  const given = new Set((config.linux?.devices ?? []).map((d) => d.path));
  for (const [path, major, minor] of DEFAULT_DEVICES) {
    if (!given.has(path)) out += record('device', path, 'c', major, minor, 0o666, 0, 0, 0);
  }
  for (const d of config.linux?.devices ?? []) {
    const type = d.type === 'u' ? 'c' : d.type;
    out += record(
      'device',
      d.path,
      type,
      d.major ?? 0,
      d.minor ?? 0,
      d.fileMode ?? 0o666,
      d.uid ?? 0,
      d.gid ?? 0,
      1,
    );
  }
  for (const [target, path] of LINKS) out += record('symlink', target, path);
  if (mounts.some((m) => m.destination === '/dev/pts')) out += record('symlink', 'pts/ptmx', '/dev/ptmx');
  return out;
}
