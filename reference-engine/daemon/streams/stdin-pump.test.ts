import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pumpStdin } from './stdin-pump.js';

/** Everything written to a sink until it ends. */
function collected(sink: PassThrough): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    sink.on('data', (c: Buffer) => {
      text += c.toString();
    });
    sink.once('end', () => resolve(text));
  });
}

describe('pumpStdin', () => {
  it('copies to the sink and ends it at the half-close', async () => {
    const input = new PassThrough();
    const sink = new PassThrough();
    const text = collected(sink);
    const outcome = pumpStdin(input, sink, { signal: new AbortController().signal });
    input.end('one line\n');
    expect(await outcome).toBe('eof');
    expect(await text).toBe('one line\n');
  });

  // readUpgradeBody pauses the socket once it has read a body that came apart from the request head
  // (the docker CLI sends them so at times); stdin written then must still reach the process.
  it('copies an input that was paused before, with its data and end already buffered', async () => {
    const input = new PassThrough();
    input.on('data', () => {});
    input.pause();
    input.removeAllListeners('data');
    input.end('sent early\n');
    const sink = new PassThrough();
    const text = collected(sink);
    const outcome = pumpStdin(input, sink, { signal: new AbortController().signal });
    expect(await outcome).toBe('eof');
    expect(await text).toBe('sent early\n');
  }, 5_000);

  it('stops at the detach keys and destroys the sink', async () => {
    const input = new PassThrough();
    const sink = new PassThrough();
    const seen: Buffer[] = [];
    sink.on('data', (c: Buffer) => seen.push(c));
    const outcome = pumpStdin(input, sink, {
      detachKeys: Buffer.from([0x10, 0x11]),
      signal: new AbortController().signal,
    });
    input.write('ab\x10\x11cd');
    expect(await outcome).toBe('detached');
    expect(Buffer.concat(seen).toString()).toBe('ab');
    expect(sink.destroyed).toBe(true);
  });
});
