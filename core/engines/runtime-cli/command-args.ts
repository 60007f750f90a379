import type { OciResources } from '../../../spec/oci-runtime.js';

/** `exec` flags of runc's CLI (runc-exec(8)) that engines use; the process comes from a file or `args`. */
export interface ExecFlags {
  /** Path of a process.json (`--process`); without it, `args` is the command. */
  readonly processFile?: string;
  readonly args?: readonly string[];
  readonly detach?: boolean;
  readonly pidFile?: string;
  readonly consoleSocket?: string;
  readonly tty?: boolean;
  /** `--preserve-fds N`: the caller's fds 3 .. 3+N-1 are passed to the process. */
  readonly preserveFds?: number;
  readonly cwd?: string;
  readonly env?: readonly string[];
  /** `uid[:gid]`. */
  readonly user?: string;
}

/** The argv of `exec` after the global flags. */
export function execArgs(id: string, f: ExecFlags): string[] {
  const args = ['exec'];
  if (f.processFile) args.push('--process', f.processFile);
  if (f.detach) args.push('--detach');
  if (f.pidFile) args.push('--pid-file', f.pidFile);
  if (f.consoleSocket) args.push('--console-socket', f.consoleSocket);
  if (f.tty) args.push('--tty');
  if (f.preserveFds !== undefined) args.push('--preserve-fds', String(f.preserveFds));
  if (f.cwd) args.push('--cwd', f.cwd);
  for (const e of f.env ?? []) args.push('--env', e);
  if (f.user) args.push('--user', f.user);
  return [...args, id, ...(f.args ?? [])];
}

/** The resource flags of `update` (runc-update(8)); each given one is passed, the rest left alone. */
export interface UpdateFlags {
  readonly memory?: number;
  readonly memoryReservation?: number;
  readonly memorySwap?: number;
  readonly cpuShare?: number;
  readonly cpuQuota?: number;
  readonly cpuPeriod?: number;
  readonly cpusetCpus?: string;
  readonly cpusetMems?: string;
  readonly pidsLimit?: number;
  readonly blkioWeight?: number;
}

const FLAG_NAMES: Readonly<Record<keyof UpdateFlags, string>> = {
  memory: '--memory',
  memoryReservation: '--memory-reservation',
  memorySwap: '--memory-swap',
  cpuShare: '--cpu-share',
  cpuQuota: '--cpu-quota',
  cpuPeriod: '--cpu-period',
  cpusetCpus: '--cpuset-cpus',
  cpusetMems: '--cpuset-mems',
  pidsLimit: '--pids-limit',
  blkioWeight: '--blkio-weight',
};

/**
 * What `update` changes: resource flags, or a resources document (linux.resources shape) given with
 * `--resources FILE` (`via: 'file'`) or on stdin (`--resources -`).
 */
export type UpdateChange =
  | { readonly flags: UpdateFlags }
  | { readonly resources: OciResources; readonly via: 'file' | 'stdin' };

/** The argv of `update` after the global flags; `file` names where a resources document was written. */
export function updateArgs(id: string, change: UpdateChange, file?: string): string[] {
  if ('resources' in change)
    return ['update', '--resources', change.via === 'stdin' ? '-' : (file ?? ''), id];
  const args = ['update'];
  for (const [key, flag] of Object.entries(FLAG_NAMES) as [keyof UpdateFlags, string][]) {
    const v = change.flags[key];
    if (v !== undefined) args.push(flag, String(v));
  }
  return [...args, id];
}
