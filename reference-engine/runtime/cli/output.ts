import type { ContainerState } from '../lifecycle/state.js';

/** `list` output: ids only (--quiet), a JSON array, or runc's table. */
export function listText(all: readonly ContainerState[], opts: { quiet?: boolean; format?: string }): string {
  if (opts.quiet) return all.map((c) => `${c.id}\n`).join('');
  if (opts.format === 'json') return `${JSON.stringify(all)}\n`;
  const rows = all.map((c) => `${c.id}\t${c.pid}\t${c.status}\t${c.bundle}\t${c.created}\n`);
  return `ID\tPID\tSTATUS\tBUNDLE\tCREATED\n${rows.join('')}`;
}

/** `ps` output: a JSON array of host pids, or a table with a PID column. */
export const psText = (pids: readonly number[], format?: string): string =>
  format === 'json' ? `${JSON.stringify(pids)}\n` : `PID\n${pids.map((p) => `${p}\n`).join('')}`;
