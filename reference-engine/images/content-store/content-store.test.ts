import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import { InvalidArgument, NotFound } from '../../errors.js';
import { collectGarbage } from './collect-garbage.js';
import { ContentStore } from './content-store.js';
import { sha256Of } from './digest.js';

let root: string;
let store: ContentStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'content-store-'));
  store = await ContentStore.open(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function* chunks(data: Buffer, size = 1000): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

const ingestFiles = () => readdir(join(root, 'ingest'));
const blobFiles = () => readdir(join(root, 'blobs', 'sha256'));

describe('ContentStore', () => {
  it('stores a streamed blob under blobs/sha256/<hex> and reads it back', async () => {
    const data = Buffer.alloc(50_000, 7);
    const blob = await store.ingest(chunks(data), {
      expectedDigest: sha256Of(data),
      expectedSize: data.length,
    });
    expect(blob).toMatchObject({ digest: sha256Of(data), size: data.length, created: true, gzip: false });
    expect(await blobFiles()).toEqual([sha256Of(data).slice(7)]);
    expect(await store.readBytes(blob.digest)).toEqual(data);
    const streamed: Buffer[] = [];
    for await (const chunk of await store.read(blob.digest)) streamed.push(chunk as Buffer);
    expect(Buffer.concat(streamed)).toEqual(data);
    expect(await store.stat(blob.digest)).toEqual({ digest: blob.digest, size: data.length });
    expect(await store.has(blob.digest)).toBe(true);
    expect(await store.list()).toEqual([{ digest: blob.digest, size: data.length }]);
    expect(await ingestFiles()).toEqual([]);
  });

  it('refuses a wrong digest and leaves nothing behind', async () => {
    const data = Buffer.from('hello');
    await expect(store.ingest(chunks(data), { expectedDigest: sha256Of('other') })).rejects.toThrow(
      InvalidArgument,
    );
    expect(await blobFiles()).toEqual([]);
    expect(await ingestFiles()).toEqual([]);
  });

  it('refuses a wrong size while streaming, short or long', async () => {
    const data = Buffer.alloc(5000, 1);
    await expect(store.ingest(chunks(data), { expectedSize: 4000 })).rejects.toThrow(
      /longer than the expected 4000/,
    );
    await expect(store.ingest(chunks(data), { expectedSize: 6000 })).rejects.toThrow(
      /5000 bytes, expected 6000/,
    );
    expect(await blobFiles()).toEqual([]);
    expect(await ingestFiles()).toEqual([]);
  });

  it('removes a source that fails mid-stream without keeping a temp file', async () => {
    async function* broken(): AsyncGenerator<Buffer> {
      yield Buffer.from('partial');
      throw new Error('connection lost');
    }
    await expect(store.ingest(broken())).rejects.toThrow('connection lost');
    expect(await ingestFiles()).toEqual([]);
    expect(await blobFiles()).toEqual([]);
  });

  it('computes the uncompressed digest of gzip content while ingesting', async () => {
    const tar = Buffer.alloc(100_000, 3);
    const blob = await store.put(gzipSync(tar));
    expect(blob.gzip).toBe(true);
    expect(blob.uncompressed).toEqual({ digest: sha256Of(tar), size: tar.length, gzip: true });
    const bad = gzipSync(tar);
    bad.writeUInt8(bad.readUInt8(bad.length - 20) ^ 0xff, bad.length - 20);
    await expect(store.put(bad)).rejects.toThrow(InvalidArgument);
  });

  it('ingests the same blob concurrently: both succeed, one file, readers never see a torn blob', async () => {
    const data = Buffer.alloc(2_000_000, 9);
    const digest = sha256Of(data);
    let done = false;
    const reader = (async () => {
      for (let i = 0; i < 10_000 && !done; i++) {
        const got = await store.readBytes(digest).catch((err: unknown) => err);
        if (got instanceof NotFound) continue;
        expect(Buffer.isBuffer(got) && got.equals(data)).toBe(true);
      }
    })();
    const results = await Promise.all([
      store.ingest(chunks(data, 64_000)),
      store.ingest(chunks(data, 50_000)),
    ]);
    done = true;
    await reader;
    expect(results.map((r) => r.digest)).toEqual([digest, digest]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await blobFiles()).toEqual([digest.slice(7)]);
    expect(await ingestFiles()).toEqual([]);
    expect((await store.readBytes(digest)).equals(data)).toBe(true);
  });

  it('deletes blobs, reports NotFound for absent ones, and clears leftover ingest files on open', async () => {
    const blob = await store.put(Buffer.from('x'));
    expect(await store.delete(blob.digest)).toEqual({ digest: blob.digest, size: 1 });
    await expect(store.readBytes(blob.digest)).rejects.toThrow(NotFound);
    await expect(store.read(blob.digest)).rejects.toThrow(NotFound);
    await writeFile(join(root, 'ingest', 'leftover'), 'half a layer');
    await ContentStore.open(root);
    expect(await ingestFiles()).toEqual([]);
  });

  it('collects blobs no root reaches, keeping manifests, configs, layers and leased blobs', async () => {
    const layer = await store.put(Buffer.from('layer'));
    const config = await store.put(Buffer.from('{"config":1}'));
    const desc = (b: { digest: string; size: number }, mediaType: string) => ({
      mediaType,
      digest: b.digest,
      size: b.size,
    });
    const manifest = await store.put(
      Buffer.from(
        JSON.stringify({
          config: desc(config, MediaType.ociConfig),
          layers: [desc(layer, MediaType.ociLayer)],
        }),
      ),
    );
    const index = await store.put(
      Buffer.from(JSON.stringify({ manifests: [desc(manifest, MediaType.ociManifest)] })),
    );
    const orphan = await store.put(Buffer.from('orphan'));
    const lease = store.lease();
    const leased = await store.put(Buffer.from('in flight'), { lease });

    const report = await collectGarbage(store, [index.digest]);
    expect(report.removed.map((b) => b.digest)).toEqual([orphan.digest]);
    expect(report.bytes).toBe(6);
    for (const b of [layer, config, manifest, index, leased]) expect(await store.has(b.digest)).toBe(true);

    lease.release();
    expect((await collectGarbage(store, [])).removed).toHaveLength(5);
    expect(await blobFiles()).toEqual([]);
  });
});
