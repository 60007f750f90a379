import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ContainerTopResponse } from '../daemon/wire/containers.js';
import { Conflict, InvalidArgument } from '../errors.js';
import { containerPids } from '../runtime/index.js';
import type { Ctx } from './context.js';

const run = promisify(execFile);

/** Keeps the `ps` rows whose PID column is one of `pids`; the last column keeps its spaces (dockerd's parsing). */
export function parsePs(output: string, pids: readonly number[]): ContainerTopResponse {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  const titles = (lines[0] ?? '').trim().split(/\s+/);
  const pidIndex = titles.indexOf('PID');
  if (pidIndex < 0) throw new Error("Couldn't find PID field in ps output");
  const wanted = new Set(pids);
  const processes: string[][] = [];
  for (const line of lines.slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (!wanted.has(Number(fields[pidIndex]))) continue;
    const head = fields.slice(0, titles.length - 1);
    processes.push([...head, fields.slice(titles.length - 1).join(' ')]);
  }
  return { Titles: titles, Processes: processes };
}

/** GET /containers/{id}/top: the host's `ps` (default `-ef`), filtered to the container's processes. */
export async function topContainer(
  ctx: Ctx,
  idOrName: string,
  psArgs = '-ef',
): Promise<ContainerTopResponse> {
  const record = ctx.table.get(idOrName);
  const status = record.state.status;
  if (status === 'restarting')
    throw new Conflict(`Container ${record.id} is restarting, wait until the container is running`);
  if (status !== 'running' && status !== 'paused')
    throw new Conflict(`Container ${record.id} is not running`);
  const args = psArgs.trim().split(/\s+/).filter(Boolean);
  if (args.some((a) => a.includes('\0'))) throw new InvalidArgument('invalid ps arguments');
  const pids = await containerPids(ctx.runtimeRoot, record.id);
  let stdout: string;
  try {
    ({ stdout } = await run('ps', args, { timeout: 10_000, maxBuffer: 16 << 20 }));
  } catch (err) {
    throw new Error(`Error running ps: ${(err as Error).message}`);
  }
  return parsePs(stdout, pids);
}
