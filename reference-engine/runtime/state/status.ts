import { Conflict } from '../../errors.js';

/**
 * The lifecycle (runtime.md): creating -> created -> running -> stopped; created may stop unstarted.
 * `paused` (runc's addition) is a frozen running container.
 */
export type ContainerStatus = 'creating' | 'created' | 'running' | 'paused' | 'stopped';

const NEXT: Readonly<Record<ContainerStatus, readonly ContainerStatus[]>> = {
  creating: ['created', 'stopped'],
  created: ['running', 'stopped'],
  running: ['paused', 'stopped'],
  paused: ['running', 'stopped'],
  stopped: [],
};

/** Throws Conflict unless `from -> to` is a lifecycle edge. */
export function assertTransition(id: string, from: ContainerStatus, to: ContainerStatus): void {
  if (!NEXT[from].includes(to)) throw new Conflict(`container ${id}: cannot go from ${from} to ${to}`);
}

/** The operations whose legality depends on the status. */
export type Operation = 'start' | 'kill' | 'delete' | 'exec' | 'pause' | 'resume' | 'update' | 'stats';

const ALLOWED: Readonly<Record<Operation, readonly ContainerStatus[]>> = {
  start: ['created'],
  kill: ['created', 'running', 'paused'],
  delete: ['stopped'],
  exec: ['running'],
  pause: ['running'],
  resume: ['paused'],
  update: ['created', 'running', 'paused'],
  stats: ['created', 'running', 'paused'],
};

/** Throws Conflict when `op` is not allowed in `status` (runtime.md "Operations"). */
export function assertCan(id: string, op: Operation, status: ContainerStatus): void {
  if (ALLOWED[op].includes(status)) return;
  const why = op === 'delete' ? 'that is not stopped' : `that is ${status}`;
  if (op === 'stats' || op === 'update') throw new Conflict(`container ${id} is not running: ${status}`);
  throw new Conflict(`cannot ${op} container ${id} ${why}: ${status}`);
}
