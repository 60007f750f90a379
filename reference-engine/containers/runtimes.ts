import { join } from 'node:path';
import { InvalidArgument } from '../errors.js';
import type { ExternalRuntime } from '../runtime/index.js';
import type { Ctx } from './context.js';
import type { ContainerRecord } from './types.js';

/** The built-in runtime: shiprun's library, in process. */
export const SHIPRUN = 'shiprun';

/**
 * HostConfig.Runtime at create: empty means the daemon's default (--default-runtime); a name that is
 * neither shiprun nor given by --add-runtime is dockerd's 400.
 */
export function checkRuntime(ctx: Ctx, name: string | undefined): string {
  const runtime = name || (ctx.opts.defaultRuntime ?? SHIPRUN);
  if (runtime !== SHIPRUN && ctx.opts.runtimes?.[runtime] === undefined)
    throw new InvalidArgument(`Unknown runtime specified ${runtime}`);
  return runtime;
}

/**
 * The runtime CLI a container runs under (its --root is EXEC_ROOT/runtimes/NAME, as dockerd keeps one
 * state root per runtime), or undefined for shiprun in process. A runtime no longer configured is a
 * 400 at start; a container it already runs keeps it (its state names the CLI).
 */
export function externalRuntime(ctx: Ctx, record: ContainerRecord): ExternalRuntime | undefined {
  const name = record.hostConfig.Runtime || SHIPRUN;
  if (name === SHIPRUN) return undefined;
  const path = ctx.opts.runtimes?.[name];
  if (path === undefined)
    throw new InvalidArgument(`Unknown runtime specified ${name}: the daemon was started without it`);
  return { path, root: join(ctx.opts.execRoot, 'runtimes', name) };
}
