import { existsSync } from 'node:fs';
import { execa } from 'execa';
import type { EngineDescription } from '../../../core/engines/types.js';
import { repoRoot } from '../../../core/repo-root.js';

const DOCKERD_PID = '/run/shipshape-peers/dockerd.pid';

const restartVariable = (target: EngineDescription): string =>
  `SHIPSHAPE_RESTART_${target.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** Why a test that restarts the daemon cannot run here (the environment, not a capability, is missing). */
export const noRestartReason = (target: EngineDescription): string =>
  `no way to restart the daemon of ${target.name} is known (set ${restartVariable(target)} to a command)`;

/**
 * A shell command that restarts the engine's daemon, or undefined when none is known: the variable
 * SHIPSHAPE_RESTART_<NAME>, else the command the harness that started the daemon gave, else the peers'
 * dockerd restart.
 */
export function restartCommand(
  target: EngineDescription,
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const own = env[restartVariable(target)];
  if (own) return own;
  if (target.restartCommand) return target.restartCommand;
  if (target.address === 'unix:///var/run/docker.sock' && exists(DOCKERD_PID)) {
    return 'bash scripts/peers.sh --restart dockerd';
  }
  return undefined;
}

/** Runs the restart command from the project root, bounded in time. */
export async function restartDaemon(command: string, timeoutMs = 60_000): Promise<void> {
  await execa('bash', ['-c', command], { cwd: repoRoot(), timeout: timeoutMs, stdio: 'pipe' });
}
