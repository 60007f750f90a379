import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../fixtures/broken-images/parts.js';
import { tarBuffer } from '../../tar/index.js';
import { zstdStored } from '../test-support.js';
import { DEFAULT_LIMITS } from '../types.js';
import { checkLayer } from './check-layer.js';

const signal = new AbortController().signal;
/** A stream in small chunks, and a flag saying whether it was read to its end. */
function source(bytes: Buffer) {
  const state = { ended: false };
  const stream = Readable.from(
    (async function* () {
      for (let i = 0; i < bytes.length; i += 100) yield bytes.subarray(i, i + 100);
      state.ended = true;
    })(),
  );
  return { stream, state };
}
const run = (bytes: Buffer, declared: 'none' | 'gzip' | 'zstd' | undefined, limits = DEFAULT_LIMITS) => {
  const { stream, state } = source(bytes);
  return checkLayer(stream, 'blob', bytes.subarray(0, 512), declared, limits, signal).then((r) => ({
    ...r,
    state,
  }));
};

describe('checkLayer', () => {
  it('computes the diff_id over the uncompressed tar for plain and gzip layers', async () => {
    const tar = await tarBuffer([{ name: 'a', content: 'x'.repeat(3000) }]);
    expect((await run(tar, 'none')).diffId).toBe(sha256(tar));
    const gz = await run(gzipSync(tar), 'gzip');
    expect(gz).toMatchObject({ diffId: sha256(tar), defects: [] });
  });

  it('reports declared vs actual compression and corrupt gzip, and still reads the blob to its end', async () => {
    const tar = await tarBuffer([{ name: 'a', content: 'hello' }]);
    const mismatch = await run(gzipSync(tar), 'none');
    expect(mismatch.defects.map((d) => d.ruleId)).toEqual(['image:layer.compression']);
    expect(mismatch.diffId).toBe(sha256(tar));
    const corrupt = gzipSync(tar);
    corrupt.writeUInt32LE(0, corrupt.length - 8); // break the CRC
    const bad = await run(corrupt, 'gzip');
    expect(bad.defects.map((d) => d.ruleId)).toEqual(['image:layer.compression']);
    expect(bad.state.ended).toBe(true);
  });

  it('reports a truncated tar as a tar error, and bytes that are no layer format against the media type', async () => {
    const tar = await tarBuffer([{ name: 'a', content: 'x'.repeat(3000) }]);
    const cut = await run(tar.subarray(0, 1500), 'none');
    expect(cut.defects.map((d) => d.ruleId)).toEqual(['image:layer.tar']);
    expect(cut.diffId).toBeUndefined();
    expect(cut.state.ended).toBe(true);
    const garbage = await run(Buffer.from('not a tar header. '.repeat(2000)), 'none');
    expect(garbage.defects.map((d) => d.ruleId)).toEqual(['image:layer.compression']);
    expect(garbage.defects[0]?.message).toMatch(/neither tar, gzip nor zstd/);
    expect(garbage.state.ended).toBe(true); // not parsed, still read to the end
  });

  it('checks the media type against the magic bytes: tar at 257, gzip 1f 8b, zstd 28 b5 2f fd', async () => {
    const tar = await tarBuffer([{ name: 'a', content: 'hello' }]);
    const json = Buffer.from(JSON.stringify({ not: 'a layer', pad: 'x'.repeat(600) }));
    const says = async (bytes: Buffer, declared: 'none' | 'gzip' | 'zstd') =>
      (await run(bytes, declared)).defects.map((d) => `${d.ruleId} ${d.message}`);
    expect(await says(json, 'none')).toEqual([expect.stringMatching(/^image:layer.compression .*\(json/)]);
    expect(await says(json, 'gzip')).toEqual([expect.stringMatching(/^image:layer.compression/)]);
    expect(await says(tar, 'gzip')).toEqual([
      'image:layer.compression media type says gzip, bytes are an uncompressed tar',
    ]);
    expect(await says(gzipSync(tar), 'zstd')).toEqual([
      'image:layer.compression media type says zstd, bytes are gzip',
    ]);
    expect(await says(zstdStored(tar), 'gzip')).toEqual([
      'image:layer.compression media type says gzip, bytes are zstd',
    ]);
    expect(await says(tar, 'none')).toEqual([]);
  });

  it('stops at maxLayerEntries, reports the bound, and drains the rest', async () => {
    const tar = await tarBuffer(Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, content: 'x' })));
    const r = await run(tar, 'none', { ...DEFAULT_LIMITS, maxLayerEntries: 5 });
    expect(r.defects.map((d) => d.ruleId)).toEqual(['shipshape:limit']);
    expect(r.diffId).toBeUndefined();
    expect(r.state.ended).toBe(true);
  });

  // crane validate fails on uncompressed layers (go-containerregistry #1826); here a plain tar layer is
  // read and its diff_id computed exactly like a gzip one.
  it('checks an uncompressed layer like a gzip one (crane #1826 rejects these)', async () => {
    const tar = await tarBuffer([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/motd', content: 'hi' },
    ]);
    expect(await run(tar, 'none')).toMatchObject({ diffId: sha256(tar), defects: [] });
  });

  it('decompresses zstd layers (fzstd; Node 20 zlib has none) and computes their diff_id', async () => {
    const tar = await tarBuffer([
      { name: 'a', content: 'x'.repeat(300_000) },
      { name: 'b', content: 'y' },
    ]);
    const zst = zstdStored(tar);
    expect(zst.length).toBeGreaterThan(tar.length); // several raw blocks
    expect(await run(zst, 'zstd')).toMatchObject({ diffId: sha256(tar), defects: [] });
    const broken = await run(zst.subarray(0, 1000), 'zstd');
    expect(broken.defects.map((d) => d.ruleId)).toEqual(['image:layer.compression']);
    expect(broken.defects[0]?.message).toMatch(/^zstd stream: /);
    expect(broken.diffId).toBeUndefined();
    expect(broken.state.ended).toBe(true);
  });

  const zstdCli = spawnSync('zstd', ['--version']).status === 0;
  it.skipIf(!zstdCli)(
    `decompresses a layer the zstd tool compressed${zstdCli ? '' : ' (skipped: no zstd command on PATH to make one)'}`,
    async () => {
      const tar = await tarBuffer([{ name: 'a', content: 'compress me '.repeat(20_000) }]);
      const zst = spawnSync('zstd', ['-q', '-c', '-19'], { input: tar, maxBuffer: 1 << 26 }).stdout;
      expect(zst.length).toBeLessThan(tar.length / 10);
      expect(await run(zst, 'zstd')).toMatchObject({ diffId: sha256(tar), defects: [] });
    },
  );

  it('does not claim to verify a compression it cannot read (bzip2, xz)', async () => {
    const bzip2 = Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(600, 1)]);
    const r = await run(bzip2, undefined);
    expect(r.defects.map((d) => d.ruleId)).toEqual(['image:layer.unverified']);
    expect(r.defects[0]?.message).toMatch(/bytes are bzip2/);
    expect(r.diffId).toBeUndefined();
    expect(r.state.ended).toBe(true);
  });
});
