import { readFile } from 'node:fs/promises';
import { InvalidArgument } from '../../errors.js';
import type { OciProcess, OciResources } from '../config/oci-config.js';
import type { ProcessOverrides } from '../lifecycle/exec.js';

/** `--user UID[:GID]` (numbers only: the container's passwd is not read). */
export function parseUser(text: string): { uid: number; gid: number } {
  const m = /^(\d+)(?::(\d+))?$/.exec(text);
  if (!m) throw new InvalidArgument(`--user: expected UID[:GID] as numbers, got ${JSON.stringify(text)}`);
  return { uid: Number(m[1]), gid: Number(m[2] ?? 0) };
}

/** What exec's flags change in the process (runc's --env, --cwd, --user, --tty). */
export function execOverrides(a: {
  env?: string[];
  cwd?: string;
  user?: string;
  tty?: boolean;
}): ProcessOverrides {
  for (const e of a.env ?? [])
    if (!e.includes('=')) throw new InvalidArgument(`--env: expected NAME=VALUE, got ${e}`);
  return {
    ...(a.env?.length ? { env: a.env } : {}),
    ...(a.cwd ? { cwd: a.cwd } : {}),
    ...(a.user ? { user: parseUser(a.user) } : {}),
    ...(a.tty ? { terminal: true } : {}),
  };
}

/** Reads a JSON document a flag names (`-` is stdin); a clear error when it cannot be read or parsed. */
async function readJson(path: string, flag: string): Promise<unknown> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (err) {
    throw new InvalidArgument(`${flag}: cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidArgument(`${flag}: ${path} is not JSON: ${(err as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `exec --process FILE`: the process document (validated later with the rest). */
export async function readProcessFile(path: string): Promise<OciProcess> {
  const v = await readJson(path, '--process');
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new InvalidArgument('--process: the process must be a JSON object');
  return v as OciProcess;
}

/** `update` flags, as runc names them. */
export interface UpdateFlags {
  resources?: string;
  memory?: number;
  'memory-reservation'?: number;
  'memory-swap'?: number;
  'cpu-share'?: number;
  'cpu-quota'?: number;
  'cpu-period'?: number;
  'cpuset-cpus'?: string;
  'cpuset-mems'?: string;
  'pids-limit'?: number;
  'blkio-weight'?: number;
}

const nonNegative = (v: unknown, field: string): number => {
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new InvalidArgument(`${field}: expected an integer`);
  return v;
};

/** The resources an update asks for: the `--resources` document (file or `-`), else the flags. */
export async function updateResources(a: UpdateFlags): Promise<OciResources> {
  if (a.resources !== undefined) {
    const v = await readJson(a.resources, '--resources');
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new InvalidArgument('--resources: the resources must be a JSON object');
    const r = v as OciResources;
    if (r.memory?.limit !== undefined) nonNegative(r.memory.limit, 'memory.limit');
    if (r.pids !== undefined) nonNegative(r.pids.limit, 'pids.limit');
    return r;
  }
  const r: OciResources = {};
  const memory = {
    ...(a.memory !== undefined ? { limit: a.memory } : {}),
    ...(a['memory-reservation'] !== undefined ? { reservation: a['memory-reservation'] } : {}),
    ...(a['memory-swap'] !== undefined ? { swap: a['memory-swap'] } : {}),
  };
  if (Object.keys(memory).length > 0) r.memory = memory;
  const cpu = {
    ...(a['cpu-share'] !== undefined ? { shares: a['cpu-share'] } : {}),
    ...(a['cpu-quota'] !== undefined ? { quota: a['cpu-quota'] } : {}),
    ...(a['cpu-period'] !== undefined ? { period: a['cpu-period'] } : {}),
    ...(a['cpuset-cpus'] !== undefined ? { cpus: a['cpuset-cpus'] } : {}),
    ...(a['cpuset-mems'] !== undefined ? { mems: a['cpuset-mems'] } : {}),
  };
  if (Object.keys(cpu).length > 0) r.cpu = cpu;
  if (a['pids-limit'] !== undefined) r.pids = { limit: a['pids-limit'] };
  if (a['blkio-weight'] !== undefined) r.blockIO = { weight: a['blkio-weight'] };
  return r;
}

const NUMERIC_UPDATE_FLAGS = [
  'memory',
  'memory-reservation',
  'memory-swap',
  'cpu-share',
  'cpu-quota',
  'cpu-period',
  'pids-limit',
  'blkio-weight',
] as const;

/** UpdateFlags from flags parsed as strings (the fast path): numbers checked and converted. */
export function updateFlagsOf(flags: Readonly<Record<string, unknown>>): UpdateFlags {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(flags)) {
    if (typeof v !== 'string') continue;
    if ((NUMERIC_UPDATE_FLAGS as readonly string[]).includes(k)) {
      if (!/^-?\d+$/.test(v)) throw new InvalidArgument(`--${k}: expected an integer, got ${v}`);
      out[k] = Number(v);
    } else out[k] = v;
  }
  return out as UpdateFlags;
}
