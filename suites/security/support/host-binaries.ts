import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../core/repo-root.js';

/** Runtime and shim binaries an engine on this host may run (those that exist). */
export function runtimeBinaries(): string[] {
  const candidates = [
    '/usr/sbin/runc',
    '/usr/bin/runc',
    '/usr/bin/crun',
    '/usr/bin/containerd-shim-runc-v2',
    '/usr/bin/conmon',
    '/usr/libexec/podman/conmon',
    '/usr/bin/docker-init',
    '/usr/sbin/docker-init',
    join(repoRoot(), 'build', 'shiprun-init'),
  ];
  return [...new Set(candidates.filter((p) => existsSync(p)).map((p) => realpathSync(p)))].sort();
}

/** `path sha256 size mtime` of each binary: compared before and after an attack. */
export const fingerprints = (paths: readonly string[]): string[] =>
  paths.map((p) => {
    const st = statSync(p);
    const hash = createHash('sha256').update(readFileSync(p)).digest('hex');
    return `${p} ${hash} ${st.size} ${st.mtimeMs}`;
  });
