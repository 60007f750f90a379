import type { ContainerInspect, ContainerState } from '../../../core/engines/docker-api/index.js';
import { EngineError } from '../../../core/errors.js';
import type { SuiteContext } from './context.js';

// Predicates for `waitFor`: each returns the value awaited, or false to poll again.

const inspectState = async (ctx: SuiteContext, id: string): Promise<ContainerState> =>
  (await ctx.client.containers.inspect(id)).State ?? {};

/** Resolves to the state once the container runs. */
export const isRunning = (ctx: SuiteContext, id: string) => async (): Promise<ContainerState | false> => {
  const state = await inspectState(ctx, id);
  return state.Running === true && state.Paused !== true ? state : false;
};

/** Resolves to the state once the container has stopped (exited or dead). */
export const isExited = (ctx: SuiteContext, id: string) => async (): Promise<ContainerState | false> => {
  const state = await inspectState(ctx, id);
  return state.Status === 'exited' || state.Status === 'dead' ? state : false;
};

export const isPaused = (ctx: SuiteContext, id: string) => async (): Promise<ContainerState | false> => {
  const state = await inspectState(ctx, id);
  return state.Paused === true ? state : false;
};

/** True once inspect answers 404. */
export const isGone = (ctx: SuiteContext, id: string) => async (): Promise<true | false> => {
  try {
    await ctx.client.containers.inspect(id);
    return false;
  } catch (err) {
    if (err instanceof EngineError && err.status === 404) return true;
    throw err;
  }
};

/** Resolves to the inspect document once `check` holds for it. */
export const inspectMatches =
  (ctx: SuiteContext, id: string, check: (inspect: ContainerInspect) => boolean) =>
  async (): Promise<ContainerInspect | false> => {
    const inspect = await ctx.client.containers.inspect(id);
    return check(inspect) ? inspect : false;
  };
