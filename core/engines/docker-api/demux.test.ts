import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EngineError, ShipshapeError } from '../../errors.js';
import { collectFrames, createDemuxTransform, demuxFrames, FrameDemuxer, ttyFrames } from './demux.js';
import { frame } from './testing/fake-engine.js';

async function* chunks(...parts: Buffer[]): AsyncGenerator<Buffer> {
  yield* parts;
}

const text = (frames: { stream: string; data: Buffer }[]) => frames.map((f) => `${f.stream}:${f.data}`);

describe('FrameDemuxer', () => {
  it('reassembles frames split at every byte', async () => {
    const bytes = Buffer.concat([frame(1, 'hello'), frame(2, 'oops'), frame(1, 'world')]);
    const parts = [...bytes].map((b) => Buffer.from([b]));
    const out = await collectFrames(demuxFrames(chunks(...parts)));
    expect(text([...out.frames])).toEqual(['stdout:hello', 'stderr:oops', 'stdout:world']);
    expect(out.stdout.toString()).toBe('helloworld');
    expect(out.stderr.toString()).toBe('oops');
  });

  it('yields several frames from one chunk, and a frame split inside its header', () => {
    const demuxer = new FrameDemuxer();
    const bytes = Buffer.concat([frame(1, 'a'), frame(2, 'bb'), frame(0, 'ccc'), frame(1, 'tail')]);
    const cut = bytes.length - 10; // inside the last frame's header
    expect(text(demuxer.push(bytes.subarray(0, cut)))).toEqual(['stdout:a', 'stderr:bb', 'stdin:ccc']);
    expect(text(demuxer.push(bytes.subarray(cut)))).toEqual(['stdout:tail']);
    expect(() => demuxer.end()).not.toThrow();
  });

  it('passes a 0-length frame through without stalling the next one', () => {
    const demuxer = new FrameDemuxer();
    const frames = demuxer.push(Buffer.concat([frame(1, ''), frame(2, 'after')]));
    expect(frames.map((f) => [f.stream, f.data.length])).toEqual([
      ['stdout', 0],
      ['stderr', 5],
    ]);
  });

  it('rejects a stream that ends inside a payload or a header, with the byte counts', async () => {
    const cutPayload = frame(1, 'truncated!').subarray(0, 12);
    await expect(collectFrames(demuxFrames(chunks(frame(2, 'ok'), cutPayload)))).rejects.toThrow(
      /ended inside a frame: 12 of 18 bytes \(payload cut short\)/,
    );
    await expect(collectFrames(demuxFrames(chunks(Buffer.from([1, 0, 0]))))).rejects.toThrow(
      /header cut short/,
    );
  });

  it('rejects a header with non-zero padding or an unknown type (e.g. TTY output read as multiplexed)', () => {
    expect(() => new FrameDemuxer().push(Buffer.from('hello world\r\n'))).toThrow(ShipshapeError);
    expect(() => new FrameDemuxer().push(Buffer.from([7, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/bad multiplexed/);
  });

  it('turns a stream-type-3 frame (engine error) into an EngineError', () => {
    expect(() => new FrameDemuxer().push(frame(3, 'container gone\n'))).toThrow(EngineError);
  });
});

describe('tty and transform forms', () => {
  it('ttyFrames passes raw bytes through as stdout', async () => {
    const out = await collectFrames(
      ttyFrames(chunks(Buffer.from('hi\r\n'), Buffer.alloc(0), Buffer.from('x'))),
    );
    expect(out.stdout.toString()).toBe('hi\r\nx');
    expect(out.frames).toHaveLength(2);
  });

  it('the Transform demuxes and fails on a truncated end', async () => {
    const bytes = Buffer.concat([frame(1, 'one'), frame(2, 'two')]);
    const good = Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]).pipe(createDemuxTransform());
    expect(text(await good.toArray())).toEqual(['stdout:one', 'stderr:two']);
    const bad = Readable.from([bytes.subarray(0, bytes.length - 1)]).pipe(createDemuxTransform());
    await expect(bad.toArray()).rejects.toThrow(/cut short/);
  });
});
