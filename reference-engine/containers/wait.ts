import type { ContainerWaitResponse } from '../daemon/wire/containers.js';
import { InvalidArgument } from '../errors.js';
import type { Ctx } from './context.js';
import { isRunning, type WaitCondition } from './types.js';

export const WAIT_CONDITIONS: readonly WaitCondition[] = ['not-running', 'next-exit', 'removed'];

/**
 * POST /containers/{id}/wait. not-running answers at once for a container that is not running (with
 * its last exit code and error); next-exit waits for the next exit; removed waits for the removal.
 */
export function waitContainer(
  ctx: Ctx,
  idOrName: string,
  condition: WaitCondition = 'not-running',
  abort?: AbortSignal,
): Promise<ContainerWaitResponse> {
  try {
    if (!WAIT_CONDITIONS.includes(condition)) throw new InvalidArgument(`invalid condition: "${condition}"`);
    const record = ctx.table.get(idOrName);
    if (condition === 'not-running' && !isRunning(record.state.status))
      return Promise.resolve({
        StatusCode: record.state.exitCode,
        Error: record.state.error ? { Message: record.state.error } : null,
      });
    return ctx.waiters.add(record.id, condition, abort);
  } catch (err) {
    return Promise.reject(err);
  }
}
