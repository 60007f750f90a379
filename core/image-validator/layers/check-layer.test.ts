import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../fixtures/broken-images/parts.js';
import { tarBuffer } from '../../tar/index.js';
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
  return checkLayer(stream, 'blob', bytes.subarray(0, 8), declared, limits, signal).then((r) => ({
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

  it('reports a truncated tar and garbage after the end as tar errors', async () => {
    const tar = await tarBuffer([{ name: 'a', content: 'x'.repeat(3000) }]);
    const cut = await run(tar.subarray(0, 1500), 'none');
    expect(cut.defects.map((d) => d.ruleId)).toEqual(['image:layer.tar']);
    expect(cut.diffId).toBeUndefined();
    expect(cut.state.ended).toBe(true);
    const garbage = await run(Buffer.from('not a tar header. '.repeat(2000)), 'none');
    expect(garbage.defects.map((d) => d.ruleId)).toEqual(['image:layer.tar']);
    expect(garbage.state.ended).toBe(true); // stopped parsing early, still read to the end
  });

  it('stops at maxLayerEntries, reports the bound, and drains the rest', async () => {
    const tar = await tarBuffer(Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, content: 'x' })));
    const r = await run(tar, 'none', { ...DEFAULT_LIMITS, maxLayerEntries: 5 });
    expect(r.defects.map((d) => d.ruleId)).toEqual(['shipshape:limit']);
    expect(r.diffId).toBeUndefined();
    expect(r.state.ended).toBe(true);
  });

  it('does not claim to verify zstd content it cannot decompress', async () => {
    const zstdMagic = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
    const r = await run(zstdMagic, 'zstd');
    const hasZstd = 'createZstdDecompress' in (await import('node:zlib'));
    if (!hasZstd) expect(r.defects.map((d) => d.ruleId)).toEqual(['image:layer.unverified']);
    else expect(r.defects.map((d) => d.ruleId)).toEqual(['image:layer.compression']);
    expect(r.state.ended).toBe(true);
  });
});
