import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { packStream, readTar, type TarEntry, tarBuffer, tarStream } from './index.js';

const collect = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe('tarBuffer and readTar', () => {
  it('round-trips every entry type with its header fields', async () => {
    const mtime = new Date(1_700_000_000_000);
    const entries: TarEntry[] = [
      { name: 'etc/', type: 'directory', mtime },
      { name: 'etc/conf', mode: 0o600, uid: 5, gid: 6, uname: 'u', gname: 'g', mtime, content: 'c' },
      { name: 'etc/hard', type: 'link', linkname: 'etc/conf' },
      { name: 'bin/sh', type: 'symlink', linkname: 'busybox', mode: 0o777 },
      { name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 },
      { name: 'run/fifo', type: 'fifo' },
      { name: 'x', pax: { mtime: '1700000000.5' }, content: Buffer.from([0, 1, 2]) },
    ];
    const read = await readTar(await tarBuffer(entries));
    expect(read.map((e) => [e.name, e.type, e.mode, e.size])).toEqual([
      ['etc/', 'directory', 0o755, 0],
      ['etc/conf', 'file', 0o600, 1],
      ['etc/hard', 'link', 0o644, 0],
      ['bin/sh', 'symlink', 0o777, 0],
      ['dev/null', 'character-device', 0o666, 0],
      ['run/fifo', 'fifo', 0o644, 0],
      ['x', 'file', 0o644, 3],
    ]);
    expect(read[1]).toMatchObject({
      uid: 5,
      gid: 6,
      uname: 'u',
      gname: 'g',
      mtime,
      content: Buffer.from('c'),
    });
    expect(read[2]?.linkname).toBe('etc/conf');
    expect(read[4]).toMatchObject({ devmajor: 1, devminor: 3 });
    expect(read[6]?.pax).toMatchObject({ mtime: '1700000000.5' });
    expect(read[0]?.mtime.getTime()).toBe(mtime.getTime());
    expect(read[5]?.mtime.getTime()).toBe(0);
    // what was read writes back to the same bytes (but for the PAX entry: tar-stream reads `path` into pax)
    expect(read[6]?.pax).toEqual({ path: 'x', mtime: '1700000000.5' });
    expect(await tarBuffer(read.slice(0, 6))).toEqual(await tarBuffer(entries.slice(0, 6)));
  });

  it('gives equal bytes for equal entries, and the same bytes as tar-stream given the full header', async () => {
    const entries: TarEntry[] = [
      { name: 'd', type: 'directory' },
      { name: 'd/f', content: 'hello' },
    ];
    const direct = pack();
    direct.entry({ name: 'd', type: 'directory', mode: 0o755, mtime: new Date(0), uid: 0, gid: 0 });
    direct.entry({ name: 'd/f', mode: 0o644, mtime: new Date(0), uid: 0, gid: 0 }, 'hello');
    direct.finalize();
    expect(await tarBuffer(entries)).toEqual(await collect(Readable.from(direct)));
    expect(await tarBuffer(entries)).toEqual(await tarBuffer(entries));
  });

  it('reads a tar from a stream of chunks', async () => {
    const bytes = await tarBuffer([{ name: 'a', content: 'x'.repeat(3000) }]);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 100) }, (_, i) =>
      bytes.subarray(i * 100, i * 100 + 100),
    );
    const [entry] = await readTar(Readable.from(chunks));
    expect(entry?.content.toString()).toBe('x'.repeat(3000));
  });
});

describe('tarStream', () => {
  it('streams content given as chunks with its size', async () => {
    async function* chunks() {
      for (let i = 0; i < 4; i++) yield Buffer.alloc(1000, i);
    }
    const tar = await collect(tarStream([{ name: 'big', size: 4000, content: chunks() }]));
    const [entry] = await readTar(tar);
    expect(entry?.size).toBe(4000);
    expect(entry?.content.subarray(3000)).toEqual(Buffer.alloc(1000, 3));
  });

  it('refuses streamed content without a size, and content shorter than its size', async () => {
    await expect(collect(tarStream([{ name: 'a', content: [Buffer.from('x')] }]))).rejects.toThrow(
      'needs a size',
    );
    await expect(collect(tarStream([{ name: 'a', size: 5, content: [Buffer.from('x')] }]))).rejects.toThrow();
  });

  it('fails the stream when the content fails', async () => {
    async function* failing() {
      yield Buffer.from('part');
      throw new Error('source broke');
    }
    await expect(collect(tarStream([{ name: 'a', size: 10, content: failing() }]))).rejects.toThrow(
      'source broke',
    );
  });

  it('stops producing when the reader stops (back-pressure, then destroy)', async () => {
    let produced = 0;
    function* endless() {
      for (let i = 0; i < 1_000_000; i++) {
        produced++;
        yield Buffer.alloc(64 * 1024);
      }
    }
    const stream = tarStream([{ name: 'huge', size: 64 * 1024 * 1_000_000, content: endless() }]);
    let got = 0;
    for await (const chunk of stream) {
      got += (chunk as Buffer).length;
      if (got >= 4 * 1024 * 1024) break;
    }
    await new Promise((r) => setImmediate(r));
    expect(stream.destroyed).toBe(true);
    expect(produced).toBeLessThan(200);
  });
});

describe('packStream', () => {
  it('turns a failure of the producer into an error of the stream', async () => {
    const stream = packStream(async () => {
      throw new Error('producer broke');
    });
    await expect(collect(stream)).rejects.toThrow('producer broke');
  });
});
