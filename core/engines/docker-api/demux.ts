import { Transform, type TransformCallback } from 'node:stream';
import { EngineError, ShipshapeError } from '../../errors.js';

export type StreamName = 'stdin' | 'stdout' | 'stderr';

/** One piece of container output and the stream it came from. */
export interface Frame {
  readonly stream: StreamName;
  readonly data: Buffer;
}

const HEADER = 8;
const NAMES: readonly StreamName[] = ['stdin', 'stdout', 'stderr'];
/** moby's stdcopy uses stream type 3 to carry an error the engine hit mid-stream. */
const SYSTEM_ERROR = 3;

/**
 * Incremental parser for the multiplexed stream (8-byte header: type, 3 zero bytes, uint32 BE length).
 * Lifecycle: `push(chunk)` as bytes arrive (returns the frames completed so far), then `end()` once the
 * source ends, which throws if a frame was cut short.
 */
export class FrameDemuxer {
  #pending: Buffer = Buffer.alloc(0);
  #offset = 0;

  push(chunk: Uint8Array): Frame[] {
    this.#pending = Buffer.concat([this.#pending.subarray(this.#offset), chunk]);
    this.#offset = 0;
    const frames: Frame[] = [];
    for (;;) {
      const frame = this.#next();
      if (frame === undefined) return frames;
      frames.push(frame);
    }
  }

  end(): void {
    const left = this.#pending.length - this.#offset;
    if (left === 0) return;
    const head = this.#pending.subarray(this.#offset);
    const want = left >= HEADER ? head.readUInt32BE(4) + HEADER : HEADER;
    throw new ShipshapeError(
      'PROTOCOL',
      `multiplexed stream ended inside a frame: ${left} of ${want} bytes (${left < HEADER ? 'header' : 'payload'} cut short)`,
    );
  }

  #next(): Frame | undefined {
    const buf = this.#pending;
    const at = this.#offset;
    if (buf.length - at < HEADER) return undefined;
    const type = buf[at] ?? 0;
    if (buf[at + 1] !== 0 || buf[at + 2] !== 0 || buf[at + 3] !== 0 || type > SYSTEM_ERROR) {
      const head = buf.subarray(at, at + HEADER).toString('hex');
      throw new ShipshapeError('PROTOCOL', `bad multiplexed frame header ${head} (is the container a TTY?)`);
    }
    const size = buf.readUInt32BE(at + 4);
    if (buf.length - at - HEADER < size) return undefined;
    const data = Buffer.from(buf.subarray(at + HEADER, at + HEADER + size));
    this.#offset = at + HEADER + size;
    if (type === SYSTEM_ERROR)
      throw new EngineError(500, data.toString('utf8').trim(), 'engine error in stream');
    return { stream: NAMES[type] ?? 'stdout', data };
  }
}

/** Demultiplex an async byte source into frames. */
export async function* demuxFrames(source: AsyncIterable<Uint8Array>): AsyncGenerator<Frame> {
  const demuxer = new FrameDemuxer();
  for await (const chunk of source) yield* demuxer.push(chunk);
  demuxer.end();
}

/** A TTY stream has no headers: every chunk is stdout. */
export async function* ttyFrames(source: AsyncIterable<Uint8Array>): AsyncGenerator<Frame> {
  for await (const chunk of source) {
    if (chunk.length > 0) yield { stream: 'stdout', data: Buffer.from(chunk) };
  }
}

/** Frames from either form. */
export function outputFrames(source: AsyncIterable<Uint8Array>, tty: boolean): AsyncGenerator<Frame> {
  return tty ? ttyFrames(source) : demuxFrames(source);
}

/** The same demuxer as a stream Transform: bytes in, Frame objects out. */
export function createDemuxTransform(): Transform {
  const demuxer = new FrameDemuxer();
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        for (const frame of demuxer.push(chunk)) this.push(frame);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        demuxer.end();
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
}

/** Output gathered per stream, plus the frames in the order they came. */
export interface CollectedOutput {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly frames: readonly Frame[];
}

export async function collectFrames(frames: AsyncIterable<Frame>): Promise<CollectedOutput> {
  const all: Frame[] = [];
  for await (const frame of frames) all.push(frame);
  const pick = (name: StreamName) => Buffer.concat(all.filter((f) => f.stream === name).map((f) => f.data));
  return { stdout: pick('stdout'), stderr: pick('stderr'), frames: all };
}
