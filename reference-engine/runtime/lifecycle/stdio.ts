/** One stdio stream of the shim: a descriptor of this process, nothing, or a new pipe to this process. */
export type StdioTarget = number | 'ignore' | 'pipe';

/**
 * Log mode: the shim owns the container's stdio, so no Node process needs to stay (nor be alive).
 * stdout and stderr become json-file lines appended to `logPath` (Docker's format, written by the
 * shim, one write per line; the last partial line at exit too). `stdin`: a FIFO `stdin` in the state
 * dir (stdinFifoPath) whose writers feed the container's stdin; without it the container reads
 * /dev/null. `stdinOnce`: the first writer's close closes the container's stdin, otherwise the next
 * writer carries on. `terminal` must equal `process.terminal`: the shim holds the pty master (no
 * console socket), logs its output as stdout and resizes it from the `resize` FIFO (resizeFifoPath).
 */
export interface LogStdio {
  readonly kind: 'log';
  readonly logPath: string;
  readonly stdin: boolean;
  readonly stdinOnce: boolean;
  readonly terminal: boolean;
}

/**
 * Container stdio: inherited from this process, discarded, given per stream, or log mode. A `'pipe'`
 * stream is a pipe to this process (the ChildProcess's stdin/stdout/stderr): the shim relays it, so
 * the container gets a real pipe (Node's own would be a socket).
 */
export type StdioSpec = 'inherit' | 'ignore' | readonly [StdioTarget, StdioTarget, StdioTarget] | LogStdio;

export const isLogStdio = (s: StdioSpec | undefined): s is LogStdio =>
  typeof s === 'object' && !Array.isArray(s) && (s as LogStdio).kind === 'log';

/** The shim's own fd 0-2 for a StdioSpec (log mode: nothing, the shim makes the container's). */
export function shimStdio(stdio: StdioSpec): StdioTarget[] {
  if (stdio === 'inherit') return [0, 1, 2];
  if (stdio === 'ignore' || isLogStdio(stdio)) return ['ignore', 'ignore', 'ignore'];
  return [...(stdio as readonly StdioTarget[])];
}

/** True when a stream is a pipe to this process: the shim relays it (spec record `relay`). */
export const pipesStdio = (stdio: StdioSpec): boolean => shimStdio(stdio).includes('pipe');
