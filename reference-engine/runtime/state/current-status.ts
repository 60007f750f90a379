import { existsSync } from 'node:fs';
import { processAlive } from './process-info.js';
import { containerDir, fifoPath, readExit, readTextOrUndefined, type StoredState } from './state-dir.js';
import type { ContainerStatus } from './status.js';

/**
 * The live status: the recorded one refined by what is observable now — an `exit` file or a dead
 * pid means stopped; a pending exec fifo means created; otherwise running.
 */
export async function currentStatus(root: string, s: StoredState): Promise<ContainerStatus> {
  if (s.status === 'creating' || s.status === 'stopped') return s.status;
  const dir = containerDir(root, s.id);
  if ((await readExit(dir)) !== undefined) return 'stopped';
  if (!processAlive(s.pid, s.pidStartTime)) return 'stopped';
  if (existsSync(fifoPath(dir)) || (s.runtime && s.status === 'created')) return 'created';
  const frozen = (s.freezeFile && readTextOrUndefined(s.freezeFile)) || '';
  return /FROZEN|FREEZING|^1/.test(frozen.trim()) ? 'paused' : 'running';
}
