import type { ContainerInspect, ContainerStats } from '../../../spec/docker-api/containers.js';
import { type CallOptions, flag, seg } from './call-options.js';
import { ContainerCalls } from './containers.js';
import type { DockerApiCore } from './core.js';
import { type CollectedOutput, collectFrames, type Frame, outputFrames } from './demux.js';
import { type HijackedSession, hijackedSession } from './session.js';

export interface LogsOptions extends CallOptions {
  /** Default: both stdout and stderr. */
  readonly stdout?: boolean;
  readonly stderr?: boolean;
  readonly since?: number;
  readonly until?: number;
  readonly timestamps?: boolean;
  readonly tail?: number | 'all';
  /** Whether the container has a TTY (raw output); looked up with inspect when not given. */
  readonly tty?: boolean;
  readonly streamTimeoutMs?: number;
}

export interface AttachOptions extends CallOptions {
  readonly stdin?: boolean;
  /** Default true. */
  readonly stdout?: boolean;
  /** Default true. */
  readonly stderr?: boolean;
  /** Replay the logs first. */
  readonly logs?: boolean;
  readonly detachKeys?: string;
  readonly tty?: boolean;
  readonly streamTimeoutMs?: number;
}

/** Frames of a followed log; `abort()` ends the iteration quietly. */
export interface FrameStream extends AsyncIterable<Frame> {
  abort(): void;
}

/** Whether output of this container is raw (TTY) rather than multiplexed. */
export async function containerTty(core: DockerApiCore, id: string, given?: boolean): Promise<boolean> {
  if (given !== undefined) return given;
  const inspect = await core.json<ContainerInspect>('GET', `/containers/${seg(id)}/json`);
  return inspect.Config?.Tty === true;
}

const logsQuery = (opts: LogsOptions, follow: boolean) => ({
  follow: flag(follow),
  stdout: flag(opts.stdout ?? true),
  stderr: flag(opts.stderr ?? true),
  since: opts.since,
  until: opts.until,
  timestamps: flag(opts.timestamps),
  tail: opts.tail?.toString(),
});

/** All container calls: ContainerCalls plus the streaming ones (logs, attach, stats). */
export class ContainersApi extends ContainerCalls {
  readonly #core: DockerApiCore;

  constructor(core: DockerApiCore) {
    super(core);
    this.#core = core;
  }

  /** The log so far, demultiplexed (GET /containers/{id}/logs without follow). */
  async logs(id: string, opts: LogsOptions = {}): Promise<CollectedOutput> {
    const tty = await containerTty(this.#core, id, opts.tty);
    const path = `/containers/${seg(id)}/logs`;
    const res = await this.#core.stream('GET', path, { ...opts, query: logsQuery(opts, false) });
    return collectFrames(outputFrames(res.body, tty));
  }

  followLogs = (id: string, opts: LogsOptions = {}) => followLogs(this.#core, id, opts);
  attach = (id: string, opts: AttachOptions = {}) => attach(this.#core, id, opts);
  stats = (id: string, opts: CallOptions = {}) => stats(this.#core, id, opts);
}

/** The log followed live until the container stops, `abort()`, or the stream timeout. */
export async function followLogs(
  core: DockerApiCore,
  id: string,
  opts: LogsOptions = {},
): Promise<FrameStream> {
  const tty = await containerTty(core, id, opts.tty);
  const res = await core.stream('GET', `/containers/${seg(id)}/logs`, {
    ...opts,
    query: logsQuery(opts, true),
  });
  let aborted = false;
  async function* frames(): AsyncGenerator<Frame> {
    try {
      yield* outputFrames(res.body, tty);
    } catch (err) {
      if (!aborted) throw err;
    }
  }
  const generator = frames();
  return {
    [Symbol.asyncIterator]: () => generator,
    abort: () => {
      aborted = true;
      res.abort();
    },
  };
}

/** POST /containers/{id}/attach over a hijacked socket (101 upgrade or plain 200 raw stream). */
export async function attach(
  core: DockerApiCore,
  id: string,
  opts: AttachOptions = {},
): Promise<HijackedSession> {
  const tty = await containerTty(core, id, opts.tty);
  const query = {
    stream: '1',
    stdin: flag(opts.stdin ?? false),
    stdout: flag(opts.stdout ?? true),
    stderr: flag(opts.stderr ?? true),
    logs: flag(opts.logs),
    detachKeys: opts.detachKeys,
  };
  const conn = await core.hijack('POST', `/containers/${seg(id)}/attach`, { ...opts, query });
  return hijackedSession(conn, tty);
}

/** One stats sample (stream=false, one-shot=true: no second sample for CPU deltas). */
export function stats(core: DockerApiCore, id: string, opts: CallOptions = {}): Promise<ContainerStats> {
  const query = { stream: 'false', 'one-shot': 'true' };
  return core.json('GET', `/containers/${seg(id)}/stats`, { ...opts, query });
}
