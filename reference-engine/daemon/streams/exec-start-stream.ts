import type { Readable } from 'node:stream';
import { Conflict, InvalidArgument } from '../../errors.js';
import { assertCanExec } from '../../exec/exec-guards.js';
import { execStoreOf } from '../../exec/exec-registry.js';
import { startExec } from '../../exec/start-exec.js';
import type { ExecRecord } from '../../exec/types.js';
import type { DaemonContext } from '../context.js';
import { parseDetachKeys } from './detach-keys.js';
import type { HijackHandler, StreamIO } from './hijack-types.js';
import type { OutputStream } from './mux-frame.js';
import { pumpStdin } from './stdin-pump.js';

/** The body of POST /exec/{id}/start. */
function startBody(body: unknown): { detach: boolean } {
  if (body === undefined || body === null) return { detach: false };
  if (typeof body !== 'object' || Array.isArray(body))
    throw new InvalidArgument('the exec start config must be a JSON object');
  return { detach: (body as { Detach?: unknown }).Detach === true };
}

/**
 * POST /exec/{id}/start: 404 for an unknown exec, 409 when it was started before or its container
 * does not run. Detach answers 200 once the process runs; otherwise the connection is taken over and
 * carries the process's pipes (multiplexed unless TTY) until they end.
 */
export const execStartHandler: HijackHandler = async (ctx, call) => {
  const exec = execStoreOf(ctx).get(call.params.id ?? '');
  const { detach } = startBody(call.body);
  if (exec.started)
    throw new Conflict(
      `Error: Exec command ${exec.id} ${exec.status === 'running' ? 'is already running' : 'has already run'}`,
    );
  assertCanExec(ctx.containers.get(exec.containerId));
  const keys = exec.settings.tty ? parseDetachKeys(exec.settings.detachKeys || undefined) : undefined;
  exec.started = true;
  if (detach) {
    await startExec(ctx, exec, 'detached');
    return { kind: 'reply', status: 200 };
  }
  return { kind: 'stream', tty: exec.settings.tty, run: (io) => runAttached(ctx, exec, io, keys) };
};

async function runAttached(
  ctx: DaemonContext,
  exec: ExecRecord,
  io: StreamIO,
  detachKeys: Buffer | undefined,
): Promise<void> {
  let started: Awaited<ReturnType<typeof startExec>>;
  try {
    started = await startExec(ctx, exec, 'pipes');
  } catch (err) {
    // dockerd writes the failure into the stream (the exit code is recorded as 126/127).
    await io.output.write('stdout', Buffer.from(`${(err as Error).message}\r\n`));
    return;
  }
  const { stdin, stdout, stderr } = started.shim;
  const session = new AbortController();
  const end = () => session.abort();
  io.signal.addEventListener('abort', end, { once: true });
  // Detached or gone: stop reading (the process keeps running; its output pipes close).
  session.signal.addEventListener('abort', () => {
    stdout?.destroy();
    stderr?.destroy();
  });
  try {
    if (stdin && io.input) {
      void pumpStdin(io.input, stdin, { ...(detachKeys && { detachKeys }), signal: session.signal }).then(
        (outcome) => outcome === 'detached' && end(),
      );
    } else stdin?.end();
    const s = exec.settings;
    await Promise.all([
      copyOut(stdout, 'stdout', s.attachStdout, io, session.signal),
      copyOut(stderr, 'stderr', s.attachStderr, io, session.signal),
    ]);
    // Clients read the exit code (ExecInspect) as soon as the stream ends: record it first.
    if (!session.signal.aborted) await exitOrTimeout(started.exit, EXIT_WAIT_MS);
  } finally {
    io.signal.removeEventListener('abort', end);
    end();
    for (const pipe of [stdin, stdout, stderr]) pipe?.destroy();
  }
}

/** How long the end of the stream waits for the exit status after the output pipes closed. */
const EXIT_WAIT_MS = 5000;

async function exitOrTimeout(exit: Promise<number>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exit, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** One output pipe of the process to the client (dropped when not attached), until it ends. */
async function copyOut(
  pipe: Readable | null,
  stream: OutputStream,
  attached: boolean,
  io: StreamIO,
  signal: AbortSignal,
): Promise<void> {
  if (!pipe) return;
  try {
    for await (const chunk of pipe.iterator({ destroyOnReturn: true })) {
      if (signal.aborted) return;
      if (attached) await io.output.write(stream, chunk as Buffer);
    }
  } catch {
    // The pipe was destroyed (the session ended): nothing more to copy.
  }
}
