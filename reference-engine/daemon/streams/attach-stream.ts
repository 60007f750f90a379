import { eventAttributes } from '../../containers/context.js';
import { logSize, readLog } from '../../logs/read-log.js';
import { openStdin } from '../../runtime/lifecycle/stdio-paths.js';
import type { DaemonContext } from '../context.js';
import { boolParam, param, type Query } from '../http/query.js';
import { parseDetachKeys } from './detach-keys.js';
import type { HijackHandler, StreamIO } from './hijack-types.js';
import { pumpStdin, type StdinOutcome } from './stdin-pump.js';
import { untilRunning } from './until-running.js';

/** The query of ContainerAttach / ContainerAttachWebsocket. */
export interface AttachOptions {
  logs: boolean;
  stream: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  detachKeys: Buffer;
}

export function attachOptions(query: Query): AttachOptions {
  return {
    logs: boolParam(query, 'logs'),
    stream: boolParam(query, 'stream'),
    stdin: boolParam(query, 'stdin'),
    stdout: boolParam(query, 'stdout'),
    stderr: boolParam(query, 'stderr'),
    detachKeys: parseDetachKeys(param(query, 'detachKeys')),
  };
}

/** POST /containers/{id}/attach and GET /containers/{id}/attach/ws: 404 before any byte of the stream. */
export const attachHandler: HijackHandler = async (ctx, call) => {
  const record = ctx.containers.get(call.params.id ?? '');
  const opts = attachOptions(call.query);
  // "From now on" is now, before the answer lets the client start the container.
  const from = logSize(ctx.containers.logPath(record.id));
  return {
    kind: 'stream',
    tty: record.config.Tty === true,
    run: (io) => attach(ctx, record.id, opts, io, from),
  };
};

/**
 * An attach session. Output is the container's json-file log as the shim writes it: replayed from the
 * start with `logs`, followed from `from` (the log's size when the attach came) with `stream` until
 * the container's next exit (which, for a container not running yet, comes after its next start). The client's stdin goes to the stdin FIFO
 * once the container runs. As dockerd: the client's stdin EOF closes the container's stdin when
 * StdinOnce (without TTY), and otherwise ends the session; detach keys apply with a TTY.
 */
export async function attach(
  ctx: DaemonContext,
  id: string,
  opts: AttachOptions,
  io: StreamIO,
  from = logSize(ctx.containers.logPath(id)),
): Promise<void> {
  const record = ctx.containers.get(id);
  const tty = record.config.Tty === true;
  // dockerd logs an `attach` event for every attach session (`docker run` shows it between create and start).
  ctx.events.publish({ type: 'container', action: 'attach', id, attributes: eventAttributes(record) });
  if (!opts.logs && !opts.stream) return;
  const session = new AbortController();
  const endSession = () => session.abort();
  io.signal.addEventListener('abort', endSession, { once: true });
  // The stream ends at the next exit, or (as dockerd closes the streams then) at a failed start.
  const exited = opts.stream
    ? Promise.race([
        ctx.containers.wait(id, 'next-exit', session.signal),
        ctx.containers.nextStartFailure(id, session.signal),
      ])
    : Promise.resolve();
  exited.catch(() => {});
  try {
    if (opts.stream && opts.stdin && record.config.OpenStdin && io.input) {
      const closesStdin = record.config.StdinOnce === true && !tty;
      void forwardStdin(ctx, id, io, tty ? opts.detachKeys : undefined, session.signal).then((outcome) => {
        if (outcome === 'detached' || (outcome === 'eof' && !closesStdin)) endSession();
      });
    }
    const follow = opts.stream ? { done: exited, signal: session.signal } : undefined;
    const entries = readLog(ctx.containers.logPath(id), {
      stdout: opts.stdout,
      stderr: opts.stderr,
      fromOffset: opts.logs ? 0 : from,
      ...(follow && { follow }),
    });
    for await (const entry of entries) {
      await io.output.write(entry.stream, entry.log);
      if (io.output.closed) return;
    }
  } finally {
    io.signal.removeEventListener('abort', endSession);
    endSession();
  }
}

/** Waits for the container to run, then feeds the client's stdin to its stdin FIFO. */
async function forwardStdin(
  ctx: DaemonContext,
  id: string,
  io: StreamIO,
  detachKeys: Buffer | undefined,
  signal: AbortSignal,
): Promise<StdinOutcome> {
  if (!io.input || !(await untilRunning(ctx.containers, ctx.events, id, signal))) return 'aborted';
  const ref = ctx.containers.runtimeRef(id);
  let fifo: ReturnType<typeof openStdin>;
  try {
    fifo = openStdin(ref.root, ref.id);
  } catch {
    return 'aborted'; // exited meanwhile: nothing reads stdin any more
  }
  return pumpStdin(io.input, fifo, { ...(detachKeys && { detachKeys }), signal });
}
