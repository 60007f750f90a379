import { processAlive } from '../state/process-info.js';

/** Polls until `pid` is gone (or a zombie), for at most `timeoutMs`; returns whether it went. */
export async function waitGone(
  pid: number,
  startTime: string | undefined,
  timeoutMs = 10_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 100_000; i++) {
    if (!processAlive(pid, startTime)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}
