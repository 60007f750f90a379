import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pollFor } from '../../core/wait-for.js';
import { type DaemonProcess, spawnDaemon, waitForPing } from './daemon-process.js';

/** Where a scratch dockerd keeps everything; all under one scratch dir. */
export interface DockerdPaths {
  readonly dataRoot: string;
  readonly execRoot: string;
  readonly pidFile: string;
  readonly socket: string;
  readonly configFile: string;
  readonly containerdSocket: string;
  readonly containerdConfig: string;
}

export function dockerdPaths(dir: string, dataRoot = join(dir, 'data')): DockerdPaths {
  return {
    dataRoot,
    execRoot: join(dir, 'exec'),
    pidFile: join(dir, 'dockerd.pid'),
    socket: join(dir, 'docker.sock'),
    configFile: join(dir, 'daemon.json'),
    containerdSocket: join(dir, 'containerd', 'containerd.sock'),
    containerdConfig: join(dir, 'containerd', 'config.toml'),
  };
}

/**
 * Its own containerd: dockerd 20.10 would otherwise use the system one at /run/containerd (shared
 * with the peers). CRI off (no listeners besides the socket), no debug or metrics endpoints.
 */
export function containerdToml(dir: string, p: DockerdPaths): string {
  const q = JSON.stringify;
  return [
    'version = 2',
    `root = ${q(join(dir, 'containerd', 'root'))}`,
    `state = ${q(join(dir, 'containerd', 'state'))}`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
    '[grpc]',
    `  address = ${q(p.containerdSocket)}`,
    '[ttrpc]',
    `  address = ${q(`${p.containerdSocket}.ttrpc`)}`,
    '[debug]',
    '  address = ""',
    '[metrics]',
    '  address = ""',
    '',
  ].join('\n');
}

/**
 * dockerd flags that keep it off the shared daemon's files and network: its own config file (not
 * /etc/docker/daemon.json), data-root, exec-root, pidfile, socket and containerd; no bridge, no
 * iptables rules, no masquerading.
 */
export function dockerdArgs(driver: string, p: DockerdPaths): string[] {
  return [
    '--config-file',
    p.configFile,
    '--storage-driver',
    driver,
    '--data-root',
    p.dataRoot,
    '--exec-root',
    p.execRoot,
    '--pidfile',
    p.pidFile,
    '-H',
    `unix://${p.socket}`,
    '--containerd',
    p.containerdSocket,
    '--bridge',
    'none',
    '--iptables=false',
    '--ip6tables=false',
    '--ip-masq=false',
    '--userland-proxy=false',
  ];
}

/** A dockerd (and its containerd) this benchmark started. Lifecycle: start -> use `socket` -> stop. */
export interface ScratchDockerd {
  readonly address: string;
  readonly dataRoot: string;
  readonly daemon: DaemonProcess;
  stop(): Promise<void>;
}

/** Starts containerd then dockerd under `dir` with storage driver `driver`; waits for /_ping. */
export async function startScratchDockerd(
  driver: string,
  dir: string,
  o: { dataRoot?: string; readyMs?: number } = {},
): Promise<ScratchDockerd> {
  const p = dockerdPaths(dir, o.dataRoot);
  await mkdir(join(dir, 'containerd'), { recursive: true });
  await writeFile(p.containerdConfig, containerdToml(dir, p));
  await writeFile(p.configFile, '{}\n');
  const containerd = spawnDaemon('containerd', 'containerd', ['--config', p.containerdConfig], {
    logFile: join(dir, 'containerd.log'),
  });
  const stopAll = async (d?: DaemonProcess) => {
    await d?.stop();
    await containerd.stop();
  };
  try {
    await waitForSocket(containerd, p.containerdSocket, o.readyMs ?? 60_000);
    // Its own network namespace: with `--bridge none` dockerd deletes the host's docker0 link otherwise.
    const dockerd = spawnDaemon(
      `dockerd --storage-driver ${driver}`,
      'unshare',
      ['--net', '--', 'dockerd', ...dockerdArgs(driver, p)],
      {
        logFile: join(dir, 'dockerd.log'),
      },
    );
    try {
      await waitForPing(dockerd, p.socket, o.readyMs ?? 60_000);
    } catch (err) {
      await stopAll(dockerd);
      throw err;
    }
    return {
      address: `unix://${p.socket}`,
      dataRoot: p.dataRoot,
      daemon: dockerd,
      stop: () => stopAll(dockerd),
    };
  } catch (err) {
    await containerd.stop();
    throw err;
  }
}

async function waitForSocket(d: DaemonProcess, path: string, deadlineMs: number): Promise<void> {
  const made = await pollFor(
    async () => {
      if (d.exited() !== undefined) throw new Error(`${d.name} exited (${d.exited()}): ${await d.logTail()}`);
      return stat(path).then(
        (s) => s.isSocket(),
        () => false,
      );
    },
    { timeoutMs: deadlineMs, intervalMs: 50, describe: `a socket at ${path}`, retry: () => false },
  );
  if (!made)
    throw new Error(`${d.name} made no socket at ${path} within ${deadlineMs} ms: ${await d.logTail()}`);
}
