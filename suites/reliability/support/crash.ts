import { existsSync } from 'node:fs';
import { execa } from 'execa';
import type { EngineDescription } from '../../../core/engines/types.js';
import { daemonPids } from '../../../core/host/daemon.js';
import { repoRoot } from '../../../core/repo-root.js';

const PEERS = '/run/shipshape-peers';

const variable = (target: EngineDescription): string =>
  `SHIPSHAPE_CRASH_RESTART_${target.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/**
 * The shell command that starts the engine's daemon again after a kill -9, or undefined: the variable
 * SHIPSHAPE_CRASH_RESTART_<NAME>, else the restart command of the harness that started the daemon
 * (the embedded shipd's: its supervisor starts the daemon again on the same root, also when it is
 * already gone), else the peers' dockerd or containerd (scripts/peers.sh --restart, which starts a
 * peer whose process is gone).
 */
export function crashRestartCommand(
  target: EngineDescription,
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const own = env[variable(target)];
  if (own) return own;
  if (target.restartCommand) return target.restartCommand;
  const peer = (name: string, address: string) =>
    [`unix://${address}`, address].includes(target.address) && exists(`${PEERS}/${name}.pid`);
  if (target.family === 'docker-api' && peer('dockerd', '/var/run/docker.sock'))
    return 'bash scripts/peers.sh --restart dockerd';
  if (target.family === 'containerd' && peer('containerd', '/run/containerd/containerd.sock'))
    return 'bash scripts/peers.sh --restart containerd';
  return undefined;
}

/** Why the crash tests cannot run on this engine (no way to start its daemon again is known). */
export const noCrashReason = (target: EngineDescription): string =>
  `no way to start the daemon of ${target.name} again after a kill -9 is known (set ${variable(target)}; ` +
  'known here: the peers dockerd and containerd, and the shipd that conform --engine shipd starts)';

/** SIGKILLs the processes behind the engine's API socket; resolves their pids (none found: throws). */
export async function killDaemon(target: EngineDescription): Promise<number[]> {
  const pids = await daemonPids(target.address);
  if (pids.length === 0) throw new Error(`no process found behind ${target.address}`);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  return pids;
}

/** Runs the restart command from the project root, bounded. */
export async function restartDaemon(command: string, timeoutMs = 90_000): Promise<void> {
  await execa('bash', ['-c', command], { cwd: repoRoot(), timeout: timeoutMs, stdio: 'pipe' });
}
