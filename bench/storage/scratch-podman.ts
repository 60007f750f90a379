import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DaemonProcess, spawnDaemon, waitForPing } from './daemon-process.js';
import { makeScratch } from './scratch-dir.js';

/** Everything a scratch Podman service keeps, under one scratch dir. */
export interface PodmanPaths {
  readonly root: string;
  readonly runRoot: string;
  readonly tmpDir: string;
  readonly networkDir: string;
  readonly socket: string;
  /** TMPDIR for image pulls and loads (Podman's default is /var/tmp). */
  readonly imageTmp: string;
}

/** `runDir`: Podman refuses a run root longer than 50 characters, so it may live apart from `dir`. */
export function podmanPaths(dir: string, runDir = dir): PodmanPaths {
  return {
    root: join(dir, 'root'),
    runRoot: join(runDir, 'run'),
    tmpDir: join(dir, 'libpod-tmp'),
    networkDir: join(dir, 'networks'),
    socket: join(dir, 'podman.sock'),
    imageTmp: join(dir, 'tmp'),
  };
}

/**
 * `podman system service` on its own socket with its own store, run root, libpod tmp dir (its
 * database, locks' state, events) and network config dir, so nothing of the shared service's is used.
 */
export function podmanServiceArgs(driver: string, p: PodmanPaths): string[] {
  return [
    '--root',
    p.root,
    '--runroot',
    p.runRoot,
    '--tmpdir',
    p.tmpDir,
    '--network-config-dir',
    p.networkDir,
    '--storage-driver',
    driver,
    '--cgroup-manager',
    'cgroupfs',
    '--events-backend',
    'file',
    'system',
    'service',
    '--time=0',
    `unix://${p.socket}`,
  ];
}

/** A Podman service this benchmark started. Lifecycle: start -> Docker-compatible API at `address` -> stop. */
export interface ScratchPodman {
  readonly address: string;
  /** The store's root (du of it is the disk usage). */
  readonly dataRoot: string;
  readonly daemon: DaemonProcess;
  stop(): Promise<void>;
}

export async function startScratchPodman(
  driver: string,
  dir: string,
  o: { readyMs?: number } = {},
): Promise<ScratchPodman> {
  // A short scratch dir for the run root (disposed with the service): the work dir's paths are too long.
  const short = await makeScratch(tmpdir(), 'ssp-');
  const p = podmanPaths(dir, short.dir);
  for (const d of [p.root, p.runRoot, p.tmpDir, p.networkDir, p.imageTmp])
    await mkdir(d, { recursive: true });
  const daemon = spawnDaemon(`podman service (${driver})`, 'podman', podmanServiceArgs(driver, p), {
    logFile: join(dir, 'podman.log'),
    env: { ...process.env, TMPDIR: p.imageTmp },
  });
  const stop = async () => {
    try {
      await daemon.stop();
    } finally {
      await short.dispose();
    }
  };
  try {
    await waitForPing(daemon, p.socket, o.readyMs ?? 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address: `unix://${p.socket}`, dataRoot: p.root, daemon, stop };
}
