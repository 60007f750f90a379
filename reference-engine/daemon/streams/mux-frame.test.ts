import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
// The client's demuxer, in a test only: the engine's framing must read back with what clients use.
import { collectFrames, demuxFrames, FrameDemuxer } from '../../../core/engines/docker-api/demux.js';
import { muxFrame } from './mux-frame.js';
import { OutputWriter } from './output-writer.js';

describe('muxFrame', () => {
  it('writes the 8-byte header: stream, three zeros, big-endian length', () => {
    const frame = muxFrame('stderr', Buffer.from('abc'));
    expect([...frame.subarray(0, 8)]).toEqual([2, 0, 0, 0, 0, 0, 0, 3]);
    expect(frame.subarray(8).toString()).toBe('abc');
    expect([...muxFrame('stdout', Buffer.alloc(0x012345)).subarray(0, 8)]).toEqual([
      1, 0, 0, 0, 0, 1, 0x23, 0x45,
    ]);
  });

  it('round-trips through the client demuxer, fed in odd-sized pieces', () => {
    const parts: Array<['stdout' | 'stderr', string]> = [
      ['stdout', 'one\n'],
      ['stderr', 'two\n'],
      ['stdout', 'x'.repeat(70_000)],
      ['stderr', ''],
    ];
    const bytes = Buffer.concat(parts.map(([s, t]) => muxFrame(s, Buffer.from(t))));
    const demuxer = new FrameDemuxer();
    const frames = [];
    for (let at = 0; at < bytes.length; at += 7) frames.push(...demuxer.push(bytes.subarray(at, at + 7)));
    demuxer.end();
    expect(frames.map((f) => [f.stream, f.data.toString()])).toEqual(parts);
  });
});

describe('OutputWriter', () => {
  it('frames when multiplexed, and the client reads the streams apart', async () => {
    const pipe = new PassThrough();
    const out = new OutputWriter(pipe, true);
    await out.write('stdout', Buffer.from('out\n'));
    await out.write('stderr', Buffer.from('err\n'));
    await out.write('stdout', Buffer.alloc(0)); // nothing: an empty frame would be noise
    pipe.end();
    const got = await collectFrames(demuxFrames(pipe));
    expect(got.stdout.toString()).toBe('out\n');
    expect(got.stderr.toString()).toBe('err\n');
    expect(got.frames).toHaveLength(2);
  });

  it('writes raw bytes for a TTY and drops writes once the client is gone', async () => {
    const pipe = new PassThrough();
    const out = new OutputWriter(pipe, false);
    await out.write('stdout', Buffer.from('raw'));
    expect(pipe.read()?.toString()).toBe('raw');
    pipe.destroy();
    expect(out.closed).toBe(true);
    await out.write('stdout', Buffer.from('late'));
  });

  it('waits while the transport is full', async () => {
    const pipe = new PassThrough({ highWaterMark: 16 });
    const out = new OutputWriter(pipe, false);
    let done = false;
    const writing = out.write('stdout', Buffer.alloc(64)).then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    pipe.read();
    await writing;
    expect(done).toBe(true);
  });
});
