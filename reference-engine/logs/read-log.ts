import { statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { errnoCode } from '../syscalls/index.js';
import { FileWaker } from './file-waker.js';
import { LineCursor } from './line-cursor.js';
import { type LogEntry, parseLogLine } from './log-entry.js';
import { tailOffset } from './tail-offset.js';

/** Keep reading as the file grows, until `done` settles and the file is drained, or `signal` aborts. */
export interface FollowOptions {
  /** Settles when the writer has finished (the container stopped). */
  readonly done: Promise<unknown>;
  readonly signal?: AbortSignal;
  /** Longest wait between two looks at the file when no change event comes (default 250 ms). */
  readonly pollMs?: number;
}

export interface LogReadOptions {
  /** Default true. */
  readonly stdout?: boolean;
  /** Default true. */
  readonly stderr?: boolean;
  /** Nanoseconds since the epoch: entries before are skipped. */
  readonly since?: bigint;
  /** Nanoseconds since the epoch: reading ends at the first entry after it (and, following, at that time). */
  readonly until?: bigint;
  /** The last N lines of the file as it is at the call (before the other filters); absent = all. */
  readonly tail?: number;
  /** Start at the file's end at the call: only what is written from now on. */
  readonly fromEnd?: boolean;
  /** Start at this byte offset (the file's size noted earlier: attach's "from now on"). */
  readonly fromOffset?: number;
  readonly follow?: FollowOptions;
}

/**
 * The entries of a json-file log, filtered as Docker's `logs` does: tail first, then since/until, then
 * the stream. A missing file is an empty log (a follower waits for it to appear). Lines that are not
 * log entries are skipped.
 *
 *   for await (const e of readLog(path, { tail: 10, follow: { done: exited, signal } })) send(e);
 */
export async function* readLog(path: string, opts: LogReadOptions = {}): AsyncGenerator<LogEntry> {
  const wantStdout = opts.stdout ?? true;
  const wantStderr = opts.stderr ?? true;
  for await (const line of logLines(path, opts)) {
    const entry = parseLogLine(line);
    if (entry === undefined) continue;
    if (opts.since !== undefined && entry.timeNs < opts.since) continue;
    if (opts.until !== undefined && entry.timeNs > opts.until) return;
    if (entry.stream === 'stdout' ? wantStdout : wantStderr) yield entry;
  }
}

async function* logLines(path: string, opts: LogReadOptions): AsyncGenerator<string> {
  let file = await openIfExists(path);
  const follow = opts.follow;
  if (file === undefined && follow === undefined) return;
  const waker = follow ? new FileWaker(path, follow.pollMs ?? 250) : undefined;
  try {
    let cursor = file ? new LineCursor(file, await startOffset(file, opts)) : undefined;
    if (follow === undefined) {
      if (cursor) yield* cursor.lines();
      return;
    }
    let finished = false;
    const done = follow.done.then(
      () => {
        finished = true;
      },
      () => {
        finished = true;
      },
    );
    for (;;) {
      if (follow.signal?.aborted) return;
      // Read after noting `finished`: a drain that starts after the writer ended sees all it wrote.
      const last = finished || (opts.until !== undefined && nowNs() > opts.until);
      if (cursor === undefined) {
        file = await openIfExists(path);
        cursor = file ? new LineCursor(file, 0) : undefined;
      }
      if (cursor) {
        await cursor.rewindIfShrunk();
        for await (const line of cursor.lines()) {
          yield line;
          if (follow.signal?.aborted) return;
        }
      }
      if (last) return;
      await waker?.wait(done, follow.signal);
    }
  } finally {
    waker?.close();
    await file?.close();
  }
}

async function startOffset(file: FileHandle, opts: LogReadOptions): Promise<number> {
  const { size } = await file.stat();
  if (opts.fromOffset !== undefined) return Math.min(opts.fromOffset, size);
  if (opts.fromEnd) return size;
  return opts.tail === undefined ? 0 : tailOffset(file, size, opts.tail);
}

async function openIfExists(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, 'r');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

/** The log's size now (0 when it does not exist yet): a `fromOffset` for "what is written from now on". */
export function logSize(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}
