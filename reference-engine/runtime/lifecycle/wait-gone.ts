import { processAlive } from '../state/process-info.js';
import { childExit } from './native-launcher.js';

/**
 * Waits until `pid` is gone (or a zombie), for at most `timeoutMs`; returns whether it went. A shim
 * this process started is awaited on its SIGCHLD; any other process is polled every 5 ms.
 */
export async function waitGone(
  pid: number,
  startTime: string | undefined,
  timeoutMs = 10_000,
): Promise<boolean> {
  const exit = childExit(pid);
  if (exit) {
    if (!processAlive(pid, startTime)) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const gone = await Promise.race([exit.then(() => true as const), late]);
    clearTimeout(timer);
    return gone;
  }
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 100_000; i++) {
    if (!processAlive(pid, startTime)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}
