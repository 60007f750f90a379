import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Bundle,
  type BundleOption,
  buildBundle,
  withArgs,
  withMount,
} from '../../../core/engines/runtime-cli/bundle.js';
import type { RootfsParts } from '../../../core/engines/runtime-cli/rootfs.js';
import { probePath } from '../../../fixtures/images/index.js';
import { uniqueId } from './ids.js';
import { RUNTIME_CALL_TIMEOUT_MS, session, trackContainer } from './session.js';

/** Extra rootfs content on top of the probe (`/bin/probe`, `/bin/sh -> probe`). */
export interface ProbeRootfsExtras {
  /** Copy the host's static busybox to /bin/busybox (no applet links: /bin/sh stays the probe). */
  readonly busybox?: boolean;
  readonly files?: RootfsParts['files'];
  readonly binaries?: RootfsParts['binaries'];
  readonly symlinks?: RootfsParts['symlinks'];
}

/** A probe bundle in the file's workspace, removed after the test. Default process: `probe report`. */
export async function probeBundle(...options: BundleOption[]): Promise<Bundle> {
  return probeBundleWith({}, ...options);
}

/** `probeBundle` with extra rootfs content. */
export async function probeBundleWith(
  extras: ProbeRootfsExtras,
  ...options: BundleOption[]
): Promise<Bundle> {
  const s = session();
  const dir = s.cleanup.dir(join(s.workspace.bundles, uniqueId('bundle')));
  const binaries: Record<string, string> = { '/bin/probe': probePath(), ...extras.binaries };
  if (extras.busybox) binaries['/bin/busybox'] = '/bin/busybox';
  const rootfs: RootfsParts = {
    binaries,
    files: extras.files,
    symlinks: { '/bin/sh': 'probe', ...extras.symlinks },
  };
  return buildBundle(dir, { rootfs }, withArgs('/bin/probe', 'report'), ...options);
}

/** A fresh host directory in the workspace (0755), removed after the test. */
export async function hostDir(label = 'host'): Promise<string> {
  const s = session();
  const dir = s.cleanup.dir(join(s.workspace.root, uniqueId(label)));
  await mkdir(dir, { mode: 0o755 });
  return dir;
}

/** Bind-mounts a host directory read-write at `containerPath`. */
export const withHostDir = (hostPath: string, containerPath: string): BundleOption =>
  withMount({ destination: containerPath, type: 'bind', source: hostPath, options: ['rbind', 'rw'] });

/** A `probe report` document (sections as documented in fixtures/README.md). */
export type ProbeReport = Record<string, unknown>;

/**
 * Runs the bundle in the foreground (`run`) under a fresh id and returns the parsed JSON of the last
 * stdout line. Throws when the process exits non-zero or prints no JSON.
 */
export async function runProbe<T = ProbeReport>(bundle: Bundle, opts?: { timeoutMs?: number }): Promise<T> {
  const s = session();
  const id = trackContainer(uniqueId('run'));
  const r = await s.cli.run(id, bundle.dir, {
    timeoutMs: opts?.timeoutMs ?? RUNTIME_CALL_TIMEOUT_MS,
    stderr: 'pipe',
  });
  if (r.exitCode !== 0) {
    throw new Error(`probe in ${id} exited ${r.exitCode}: ${r.stderr.trim() || r.stdout.trim()}`);
  }
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`probe in ${id} printed no JSON: ${r.stdout.slice(0, 300)}`);
  }
}
