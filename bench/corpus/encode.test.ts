import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { corpusEntries } from './corpora.js';
import { digestStream } from './digest.js';
import { encoderAvailability, encodeStream, findExecutable } from './encode.js';
import { layerTarStream } from './tar.js';

const raw = (seed: number) => layerTarStream(corpusEntries('small-files', seed, 'quick'));

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const hasZstd = findExecutable('zstd') !== undefined;

describe('encoders', () => {
  it.each(['gzip-1', 'gzip-6', 'gzip-9'] as const)(
    '%s: deterministic header and bytes, round-trips',
    async (e) => {
      const a = await collect(encodeStream(raw(3), e));
      const b = await collect(encodeStream(raw(3), e));
      expect(a.equals(b)).toBe(true);
      // magic, deflate, no flags, mtime 0, (xfl), OS 3 = unix: nothing from the clock or the file system.
      expect([...a.subarray(0, 8)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
      expect(a[9]).toBe(3);
      const plain = await collect(raw(3));
      expect(gunzipSync(a).equals(plain)).toBe(true);
      expect(a.length).toBeLessThan(plain.length);
    },
  );

  it('levels give different bytes; different seeds give different bytes', async () => {
    const one = await digestStream(encodeStream(raw(3), 'gzip-1'));
    const nine = await digestStream(encodeStream(raw(3), 'gzip-9'));
    const other = await digestStream(encodeStream(raw(4), 'gzip-1'));
    expect(nine.sha256).not.toBe(one.sha256);
    expect(nine.bytes).toBeLessThan(one.bytes);
    expect(other.sha256).not.toBe(one.sha256);
  });

  it('none passes the tar through unchanged', async () => {
    expect(await digestStream(encodeStream(raw(3), 'none'))).toEqual(await digestStream(raw(3)));
  });

  it('says why zstd is unavailable when the binary is absent', () => {
    expect(encoderAvailability('zstd', '/nonexistent')).toEqual({
      available: false,
      reason: expect.stringMatching(/zstd binary not on PATH.*Debian package: zstd/),
    });
    expect(encoderAvailability('gzip-6', '/nonexistent')).toEqual({ available: true });
  });

  it.skipIf(!hasZstd)('zstd (binary present): deterministic and round-trips through zstd -d', async () => {
    const a = await collect(encodeStream(raw(3), 'zstd'));
    const b = await collect(encodeStream(raw(3), 'zstd'));
    expect(a.equals(b)).toBe(true);
    expect(a.readUInt32LE(0)).toBe(0xfd2fb528); // zstd frame magic
    const back = spawnSync('zstd', ['-d', '-c', '-q'], {
      input: a,
      timeout: 30_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(back.status).toBe(0);
    expect(back.stdout.equals(await collect(raw(3)))).toBe(true);
    const other = await digestStream(encodeStream(raw(4), 'zstd'));
    expect(other.sha256).not.toBe((await digestStream(Readable.from([a]))).sha256);
  });
});
